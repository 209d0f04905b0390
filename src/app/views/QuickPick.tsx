import { useSignal } from '@preact/signals';
import type { CatalogModule } from '../../core/content';
import { fitInMinutes } from '../../core/next-up';
import { minutes } from '../format';
import { t } from '../i18n';
import { paths } from '../router';
import { Link } from './Link';
import { PressedChoices } from './PressedChoices';

const BUDGETS = [5, 10, 15];

/** "I have 5 minutes": lessons that fit the time the learner has right now, each with its module. */
export function QuickPick({
  modules,
  completed,
}: {
  modules: readonly CatalogModule[];
  completed: ReadonlySet<string>;
}) {
  const budget = useSignal<number | null>(null);
  const picks = budget.value === null ? [] : fitInMinutes(modules, completed, budget.value);
  return (
    <section class="quick-pick" aria-labelledby="quick-pick-title">
      <h2 id="quick-pick-title">{t('quick.title')}</h2>
      <div class="chips" role="group" aria-label={t('quick.label')}>
        <PressedChoices
          values={BUDGETS}
          chosen={budget.value}
          choose={(b) => (budget.value = budget.value === b ? null : b)}
          label={(b) => t('quick.option', { minutes: minutes(b) })}
        />
      </div>
      {budget.value !== null &&
        (picks.length === 0 ? (
          <p class="muted">{t('quick.none', { count: budget.value })}</p>
        ) : (
          <ul class="module-list">
            {picks.map(({ module, lesson }) => (
              <li key={lesson.id}>
                <Link href={paths.lesson(module.id, lesson.id)} class="card lesson-row">
                  <span class="lesson-title">{lesson.title}</span>
                  <span class="muted">
                    {module.title} · {minutes(lesson.estimateMinutes)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
