export declare const AREA_SOURCE: 'src/app/areas/';
export declare const AREA_OUTPUT: 'assets/areas/';
export declare function areaOf(id: string): string | undefined;
export declare function outputDir(moduleIds: readonly string[]): string;
