/**
 * Pilot metrics (issue 8), one job a file: the window and groups (window.ts), the weekly tally and
 * time to competency (tally.ts), HR outcomes (outcomes.ts), goals (goals.ts), manager engagement
 * (manager.ts), the checklist (checklist.ts), the report's notes (notes.ts), the arithmetic
 * (numbers.ts), what the metrics need from the catalog (content.ts) and the report the API
 * answers (report.ts). Reading the HR file is the server's job (src/server/pilot/hr-csv.ts).
 */
export * from './checklist';
export * from './content';
export * from './days';
export * from './goals';
export * from './manager';
export * from './notes';
export * from './numbers';
export * from './outcomes';
export * from './report';
export * from './summary';
export * from './tally';
export * from './window';
