// React commits per keystroke, in jsdom: each page renders inside a <Profiler>, and typing
// five characters into its first text box counts the commits they cause (debounced
// updates included: each keystroke waits 400 ms). Not a test of the kit: a measurement the
// bench prints (bench/run.mjs writes the figures to $BENCH_COMMITS_FILE).
import { writeFileSync } from 'node:fs';
import { act, Profiler, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { it } from 'vitest';
import { App as floor } from './src/floor';
import { App as jsonforms } from './src/jsonforms';
import { App as kit, PrefetchedApp as kitPrefetched } from './src/kit';
import { App as native } from './src/native';
import { App as rjsf } from './src/rjsf';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const pages: Record<string, ComponentType> = { native, rjsf, jsonforms, floor, kit, kitPrefetched };
const KEYSTROKES = 5;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function firstTextBox(): Promise<HTMLInputElement> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const input = document.querySelector<HTMLInputElement>('input:not([type]), input[type="text"]');
    if (input) return input;
    await act(() => wait(10));
  }
  throw new Error('no text box rendered');
}

const valueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;

async function commitsPerKeystroke(App: ComponentType): Promise<number> {
  const container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  let commits = 0;
  await act(async () => {
    root.render(
      <Profiler id="page" onRender={() => (commits += 1)}>
        <App />
      </Profiler>,
    );
  });
  const input = await firstTextBox();
  await act(() => wait(400));
  input.focus();
  const before = commits;
  for (const character of 'Janet'.slice(0, KEYSTROKES)) {
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: character, bubbles: true }));
      valueSetter?.call(input, input.value + character);
      input.dispatchEvent(
        new InputEvent('input', { data: character, inputType: 'insertText', bubbles: true }),
      );
      input.dispatchEvent(new KeyboardEvent('keyup', { key: character, bubbles: true }));
      await wait(400);
    });
  }
  const perKeystroke = (commits - before) / KEYSTROKES;
  if (!input.value.endsWith('Janet'))
    throw new Error(`typing did not reach the box (value "${input.value}")`);
  act(() => root.unmount());
  container.remove();
  return perKeystroke;
}

it('counts React commits per keystroke on every page', async () => {
  const figures: Record<string, number> = {};
  for (const [name, App] of Object.entries(pages)) {
    try {
      figures[name] = await commitsPerKeystroke(App);
    } catch (error) {
      throw new Error(`${name}: ${String(error)}\n${document.body.innerHTML.slice(0, 600)}`, {
        cause: error,
      });
    }
  }
  const file = process.env.BENCH_COMMITS_FILE;
  if (file) writeFileSync(file, JSON.stringify(figures));
  console.log(JSON.stringify(figures));
});
