/** Test helper: activates the wasm backend (what CI and this machine train on) once per test file. */
import { selectBackend } from '../backend/select-backend.ts';

/** Awaitable in a `beforeAll`: `beforeAll(useTestBackend)`. */
export async function useTestBackend(): Promise<void> {
  await selectBackend(process.env.SIGNLLM_TEST_BACKEND ?? 'wasm');
}
