// Measured in the browser a story runs in (no testing-library: plain DOM).

/** The WCAG luminance of a computed `rgb()` colour. */
function luminance(colour: string): number {
  const [red = 0, green = 0, blue = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** The first opaque background behind `element`, up its parents (a shadow root's top ends them; white beyond). */
function backdropOf(element: Element): string {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const background = getComputedStyle(node).backgroundColor;
    const alpha = (background.match(/[\d.]+/g) ?? []).map(Number)[3];
    if (background !== 'transparent' && (alpha === undefined || alpha > 0.5)) return background;
  }
  return 'rgb(255, 255, 255)';
}

/**
 * WCAG 2.2 of the kit's controls under `root` (a story's canvas, an element's shadow root), in a real browser: every Tab stop is at least 24 by 24 px or has no other
 * target within 24 px of its centre (2.5.8), and focused it draws a ring at least 2 px wide of 3:1 against
 * what is behind it (2.4.7, 1.4.11). Answers the problems in words.
 */
export function targetAndFocusProblems(root: ParentNode): string[] {
  const stops = Array.from(
    root.querySelectorAll<HTMLElement>('a[href], button, input, select, [tabindex="0"]'),
  ).filter((stop) => !stop.matches(':disabled') && stop.getClientRects().length > 0);
  const problems: string[] = [];
  for (const stop of stops) {
    const name = `${stop.tagName.toLowerCase()} "${stop.getAttribute('name') ?? stop.textContent?.trim().slice(0, 30)}"`;
    const box = stop.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const crowded = stops.some((other) => {
      if (other === stop) return false;
      const near = other.getBoundingClientRect();
      const dx = Math.max(near.left - x, 0, x - near.right);
      const dy = Math.max(near.top - y, 0, y - near.bottom);
      return Math.hypot(dx, dy) < 12;
    });
    if ((box.width < 24 || box.height < 24) && crowded) {
      problems.push(`${name} is ${Math.round(box.width)}x${Math.round(box.height)} px beside another target`);
    }
    stop.focus();
    const style = getComputedStyle(stop);
    if (
      !stop.matches(':focus-visible') ||
      style.outlineStyle === 'none' ||
      parseFloat(style.outlineWidth) < 2
    ) {
      problems.push(`${name} shows no focus ring (${style.outlineStyle} ${style.outlineWidth})`);
      continue;
    }
    const [lighter, darker] = [luminance(style.outlineColor), luminance(backdropOf(stop))].sort(
      (a, b) => b - a,
    );
    const ratio = (lighter! + 0.05) / (darker! + 0.05);
    if (ratio < 3) problems.push(`${name}: focus ring ${style.outlineColor} is ${ratio.toFixed(2)}:1`);
  }
  return problems;
}
