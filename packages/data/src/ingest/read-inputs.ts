/**
 * `readInputs`: reads many units in order, yielding every good sample and reporting each bad input
 * through a callback without stopping.
 */
import type { InputProblem, Sample } from '../sample.ts';
import type { InputUnit } from './input-unit.ts';
import { type IngestOptions, readInput, resolveIngestOptions, toInputError } from './read-input.ts';

/**
 * Streams the samples of all units. A unit that fails is reported once through `onProblem` (its
 * samples yielded before the failure stay yielded) and reading goes on with the next unit. Invalid
 * options throw before anything is read. Stopping early (break) closes the current unit's files.
 *
 * @example
 * ```ts
 * const problems: InputProblem[] = [];
 * for await (const s of readInputs(units, { language: 'ASL' }, (p) => problems.push(p))) rows.push(s);
 * ```
 */
export async function* readInputs(
  units: Iterable<InputUnit> | AsyncIterable<InputUnit>,
  options: IngestOptions,
  onProblem: (problem: InputProblem) => void,
): AsyncGenerator<Sample, void, undefined> {
  resolveIngestOptions(options);
  for await (const unit of units) {
    const samples = readInput(unit, options);
    try {
      for (;;) {
        let next: IteratorResult<Sample, void>;
        try {
          next = await samples.next();
        } catch (error) {
          const e = toInputError(error, unit);
          onProblem({ input: unit.path, code: e.code, message: e.message });
          break;
        }
        if (next.done) break;
        yield next.value;
      }
    } finally {
      await samples.return();
    }
  }
}
