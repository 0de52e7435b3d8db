import { API_LIMITS, SignLLMError } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_CONFIG, resolveServeConfig, SETTINGS } from './config.ts';

function failure(fn: () => unknown): SignLLMError {
  try {
    fn();
  } catch (e) {
    if (SignLLMError.isInstance(e)) return e;
    throw e;
  }
  throw new Error('expected a SignLLMError');
}

describe('resolveServeConfig', () => {
  it('defaults to loopback, port 8080, CORS off and bounded limits', () => {
    const config = resolveServeConfig();
    expect(config).toEqual({ ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits } });
    expect(config.host).toBe('127.0.0.1');
    expect(config.corsOrigins).toEqual([]);
    expect(config.limits.maxInputChars).toBe(API_LIMITS.maxInputChars);
  });

  it('reads SIGNLLM_* variables, which options override, and ignores empty ones', () => {
    const env = configFromEnv({
      SIGNLLM_BUNDLE: 'bundles/a',
      SIGNLLM_PORT: '9000',
      SIGNLLM_MAX_FRAMES: '200',
      SIGNLLM_CORS_ORIGINS: 'https://a.example, https://b.example',
      SIGNLLM_TIMEOUT_MS: ' ',
      UNRELATED: 'x',
    });
    const config = resolveServeConfig(env, { port: '9001', limits: { maxInFlight: '3' } });
    expect(config.bundle).toBe('bundles/a');
    expect(config.port).toBe(9001);
    expect(config.limits).toEqual({ ...DEFAULT_CONFIG.limits, maxFrames: 200, maxInFlight: 3 });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('has an environment variable for every setting', () => {
    const env = Object.fromEntries(
      SETTINGS.map((s) => [
        s.env,
        s.option === 'log-level'
          ? 'warn'
          : s.option === 'threads' || s.option === 'workers'
            ? '3'
            : s.switch
              ? '0'
              : '700',
      ]),
    );
    const config = resolveServeConfig(configFromEnv(env));
    expect(config).toEqual({
      bundle: '700',
      host: '700',
      port: 700,
      web: '700',
      bundleFiles: false,
      corsOrigins: ['700'],
      workers: 3,
      threads: 3,
      logLevel: 'warn',
      shutdownGraceMs: 700,
      limits: { maxBodyBytes: 700, maxInputChars: 700, maxFrames: 700, maxInFlight: 700, timeoutMs: 700 },
    });
  });

  it('names the option, its variable and the bad value when a setting is invalid', () => {
    const cases: Array<[Parameters<typeof resolveServeConfig>[0], RegExp]> = [
      [{ port: '70000' }, /Bad setting --port \(SIGNLLM_PORT\): "70000"/],
      [{ port: 'http' }, /--port \(SIGNLLM_PORT\): "http"/],
      [{ limits: { maxFrames: '0' } }, /--max-frames \(SIGNLLM_MAX_FRAMES\): "0"/],
      [{ limits: { maxFrames: String(API_LIMITS.maxFrames + 1) } }, /--max-frames/],
      [{ limits: { maxInputChars: '1001' } }, /--max-input-chars \(SIGNLLM_MAX_INPUT_CHARS\)/],
      [{ limits: { maxBodyBytes: '10' } }, /--max-body-bytes/],
      [{ limits: { timeoutMs: '1.5' } }, /--timeout-ms/],
      [{ limits: { maxInFlight: '-1' } }, /--max-in-flight/],
      [{ logLevel: 'loud' }, /--log-level \(SIGNLLM_LOG_LEVEL\): "loud"/],
      [{ threads: '0' }, /--threads/],
      [{ workers: '65' }, /--workers \(SIGNLLM_WORKERS\): "65"/],
      [
        configFromEnv({ SIGNLLM_BUNDLE_FILES: 'yes' }),
        /^Bad setting --no-bundle-files \(SIGNLLM_BUNDLE_FILES\): "yes" \(expected one of 0, 1, false, true\)$/,
      ],
      [{ bundleFiles: '2' }, /--no-bundle-files \(SIGNLLM_BUNDLE_FILES\): "2"/],
      [{ bundleFiles: 'TRUE' }, /--no-bundle-files \(SIGNLLM_BUNDLE_FILES\): "TRUE"/],
      [{ bundleFiles: 'off' }, /--no-bundle-files \(SIGNLLM_BUNDLE_FILES\): "off"/],
    ];
    for (const [input, message] of cases) {
      const e = failure(() => resolveServeConfig(input));
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(message);
    }
  });

  it('publishes the bundle files by default; --no-bundle-files and SIGNLLM_BUNDLE_FILES turn that off', () => {
    expect(resolveServeConfig().bundleFiles).toBe(true);
    const fromEnv = (value: string) => resolveServeConfig(configFromEnv({ SIGNLLM_BUNDLE_FILES: value }));
    expect(fromEnv('0').bundleFiles).toBe(false);
    expect(fromEnv('false').bundleFiles).toBe(false);
    expect(fromEnv(' 1 ').bundleFiles).toBe(true);
    expect(fromEnv('true').bundleFiles).toBe(true);
    expect(fromEnv('').bundleFiles).toBe(true);
    // The option (what the CLI makes of --no-bundle-files) overrides the variable.
    expect(
      resolveServeConfig(configFromEnv({ SIGNLLM_BUNDLE_FILES: 'true' }), { bundleFiles: false }).bundleFiles,
    ).toBe(false);
    const setting = SETTINGS.find((s) => s.env === 'SIGNLLM_BUNDLE_FILES');
    expect(setting).toMatchObject({ option: 'no-bundle-files', switch: true });
  });
});
