import type { ComponentChildren } from 'preact';
import { linkHandler } from '../router';

export function Link({
  href,
  class: className,
  children,
  ...rest
}: {
  href: string;
  class?: string;
  children: ComponentChildren;
  'aria-label'?: string;
  'aria-current'?: 'page' | 'step';
}) {
  return (
    <a href={href} class={className} onClick={linkHandler} {...rest}>
      {children}
    </a>
  );
}
