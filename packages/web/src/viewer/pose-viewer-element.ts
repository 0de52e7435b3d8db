/**
 * `<signllm-pose-viewer>`: a framework-free custom element that plays a pose sequence. 2D canvas or 3D
 * (three.js, orbit camera, loaded on first use); play, pause, scrub, loop, 0.25×–2× speed; the gloss
 * being signed highlighted in sync; sized by its container; every control reachable by keyboard.
 *
 * Attributes: `src` (URL of a `.pose` or `.skels` file), `renderer` (`2d` | `3d`), `autoplay`, `loop`
 * (`loop="false"` turns it off), `playback-rate`, `background`, `thickness`, `controls="none"`.
 * Events: `signllm-loaded`, `signllm-firstframe` (first frame of a new pose drawn), `signllm-frame`,
 * `signllm-ended`, `signllm-error` (detail `{ message }`).
 */
import type { PoseSequence } from '@signllm/core';
import { openPoseFile } from '../io/pose-files.ts';
import { CanvasRenderer } from './canvas-renderer.ts';
import { type GlossSpan, spanAt } from './highlight.ts';
import { clampRate, PlaybackClock, stepRate } from './playback.ts';
import type { PoseRenderer, RenderStyle } from './renderer.ts';
import { VIEWER_MARKUP, VIEWER_STYLES } from './viewer-template.ts';

/** The tag name the element is defined under by `defineSignPoseViewer()`. */
export const POSE_VIEWER_TAG = 'signllm-pose-viewer';

/** Options of `setPose`. */
export interface SetPoseOptions {
  /** Frames are still being appended: playback waits at the newest frame (default false). */
  growing?: boolean;
  /** Keep the current frame and playing state (default: true when growing, else start over). */
  keepPosition?: boolean;
}

// In Node (tests, server-side imports of the package) there is no HTMLElement: the class still loads.
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

function formatSeconds(s: number): string {
  return s.toFixed(2);
}

/** The `<signllm-pose-viewer>` element. */
export class PoseViewerElement extends ElementBase {
  static readonly observedAttributes = [
    'src',
    'renderer',
    'autoplay',
    'loop',
    'playback-rate',
    'background',
    'thickness',
    'controls',
  ];

  #root: ShadowRoot | undefined;
  #r2d: CanvasRenderer | undefined;
  #r3d: PoseRenderer | undefined;
  #active: PoseRenderer | undefined;
  #seq: PoseSequence | undefined;
  #spans: GlossSpan[] = [];
  #clock = new PlaybackClock({ fps: 25, frames: 0 });
  #raf = 0;
  #shown = -1;
  #shownSpan = -2;
  #needsFirstFrame = false;
  #resize: ResizeObserver | undefined;
  #loadId = 0;
  #message = 'No pose loaded';

  // ---- lifecycle ------------------------------------------------------------------------------

  connectedCallback(): void {
    if (this.#root === undefined) this.#build();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    if (!this.hasAttribute('role')) this.setAttribute('role', 'group');
    if (!this.hasAttribute('aria-label')) this.setAttribute('aria-label', 'Pose viewer');
    const stage = this.#q('.stage');
    this.#resize = new ResizeObserver(() => this.#layout());
    this.#resize.observe(stage);
    this.#layout();
    if (this.getAttribute('renderer') === '3d') void this.setRenderer('3d');
  }

  disconnectedCallback(): void {
    this.#resize?.disconnect();
    if (this.#raf !== 0) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value) return;
    switch (name) {
      case 'src':
        if (value !== null && value !== '') void this.load(value);
        break;
      case 'renderer':
        if (this.#root !== undefined) void this.setRenderer(value === '3d' ? '3d' : '2d');
        break;
      case 'loop':
        this.loop = value !== 'false';
        break;
      case 'playback-rate':
        this.playbackRate = Number(value ?? 1);
        break;
      case 'controls':
        if (this.#root !== undefined) this.#q('.controls').hidden = value === 'none';
        break;
      default:
        this.#applyStyle();
        this.#draw(true);
    }
  }

  // ---- public API -----------------------------------------------------------------------------

  /** The sequence shown (undefined: none). Setting it starts from frame 0 (plays with `autoplay`). */
  get pose(): PoseSequence | undefined {
    return this.#seq;
  }
  set pose(seq: PoseSequence | undefined) {
    this.setPose(seq);
  }

  /** Shows a sequence; call again with `growing: true` each time a streamed sequence gets frames. */
  setPose(seq: PoseSequence | undefined, options: SetPoseOptions = {}): void {
    const growing = options.growing ?? false;
    const keep = options.keepPosition ?? (growing || (this.#clock.growing && seq !== undefined));
    const fresh = !keep || this.#seq === undefined;
    this.#seq = seq;
    this.#clock.setFrames(seq?.frames ?? 0, growing, seq?.fps);
    if (fresh) {
      this.#clock.seekFrame(0);
      this.#needsFirstFrame = seq !== undefined && seq.frames > 0;
      if (this.hasAttribute('autoplay') && seq !== undefined) this.#clock.play();
      else this.#clock.pause();
    } else if (!this.#needsFirstFrame && this.#shown < 0 && seq !== undefined && seq.frames > 0) {
      this.#needsFirstFrame = true;
    }
    this.#message =
      seq === undefined ? 'No pose loaded' : seq.frames === 0 && !growing ? 'The sequence has no frames' : '';
    this.#r2d?.setSequence(seq, growing);
    this.#r3d?.setSequence(seq, growing);
    this.#syncControls();
    this.#draw(true);
    this.#schedule();
  }

  /** Gloss (or word) spans to highlight in sync, in frames; `[]` hides the gloss row. */
  get glosses(): readonly GlossSpan[] {
    return this.#spans;
  }
  set glosses(spans: readonly GlossSpan[]) {
    this.#spans = [...spans];
    this.#shownSpan = -2;
    this.#renderGlosses();
  }

  /** Shows a message over the stage (e.g. "Generating…"); `''` removes it. */
  setMessage(message: string): void {
    this.#message = message;
    this.#updateMessage();
  }

  get currentFrame(): number {
    return this.#clock.frame();
  }
  set currentFrame(frame: number) {
    this.seek(frame);
  }
  get frameCount(): number {
    return this.#seq?.frames ?? 0;
  }
  get playing(): boolean {
    return this.#clock.playing;
  }
  get playbackRate(): number {
    return this.#clock.rate;
  }
  set playbackRate(rate: number) {
    this.#clock.setRate(clampRate(rate));
    this.#syncControls();
  }
  get loop(): boolean {
    return this.#clock.loop;
  }
  set loop(loop: boolean) {
    this.#clock.setLoop(loop);
    this.#syncControls();
    this.#schedule();
  }
  /** `2d` or `3d`: the view in use. */
  get renderer(): '2d' | '3d' {
    return this.#active?.kind ?? '2d';
  }
  /** The canvas currently drawn on (for recording or screenshots). */
  get canvas(): HTMLCanvasElement | undefined {
    return this.#active?.canvas;
  }

  play(): void {
    this.#clock.play();
    this.#syncControls();
    this.#schedule();
  }

  pause(): void {
    this.#clock.pause();
    this.#syncControls();
    this.#draw(false);
  }

  seek(frame: number): void {
    this.#clock.seekFrame(frame);
    this.#draw(true);
    this.#schedule();
  }

  /** Draws the current frame again (e.g. after changing the page's colours). */
  redraw(): void {
    this.#draw(true);
  }

  /** Fetches and shows a `.pose` or `.skels` file. Errors show in the viewer and as `signllm-error`. */
  async load(url: string): Promise<void> {
    const id = ++this.#loadId;
    this.setMessage('Loading…');
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (id !== this.#loadId) return;
      const name = new URL(url, document.baseURI).pathname.split('/').pop() ?? url;
      this.setPose(openPoseFile(bytes, name).sequence);
      this.dispatchEvent(new CustomEvent('signllm-loaded', { detail: { url } }));
    } catch (error) {
      if (id !== this.#loadId) return;
      this.#fail(error instanceof Error ? error.message : String(error));
    }
  }

  /** Switches between the 2D canvas and the 3D view (three.js is loaded on first use). */
  async setRenderer(kind: '2d' | '3d'): Promise<void> {
    if (this.#root === undefined) this.#build();
    if (kind === '3d' && this.#r3d === undefined) {
      try {
        const { ThreeRenderer } = await import('./three-renderer.ts');
        const r = new ThreeRenderer();
        r.canvas.classList.add('c3d');
        r.canvas.setAttribute('part', 'canvas');
        r.canvas.setAttribute('aria-hidden', 'true');
        this.#q('.stage').insertBefore(r.canvas, this.#q('.message'));
        this.#r3d = r;
        r.setSequence(this.#seq, this.#clock.growing);
      } catch (error) {
        this.#fail(`3D view unavailable: ${error instanceof Error ? error.message : String(error)}`);
        kind = '2d';
      }
    }
    this.#active = kind === '3d' ? this.#r3d : this.#r2d;
    this.#r2d!.canvas.hidden = kind !== '2d';
    if (this.#r3d) this.#r3d.canvas.hidden = kind !== '3d';
    this.#applyStyle();
    this.#layout();
    this.#syncControls();
  }

  /** Back to the initial 3D camera. */
  resetView(): void {
    this.#active?.resetView();
    this.#draw(true);
  }

  // ---- internals ------------------------------------------------------------------------------

  #q<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.#root!.querySelector(selector) as T;
  }

  #build(): void {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${VIEWER_STYLES}</style>${VIEWER_MARKUP}`;
    this.#root = root;
    this.#r2d = new CanvasRenderer(this.#q<HTMLCanvasElement>('.c2d'));
    this.#active = this.#r2d;
    this.#r2d.setSequence(this.#seq, this.#clock.growing);
    this.#applyStyle();
    this.#q('.controls').hidden = this.getAttribute('controls') === 'none';
    this.#q('.play').addEventListener('click', () => (this.#clock.playing ? this.pause() : this.play()));
    const scrub = this.#q<HTMLInputElement>('.scrub');
    scrub.addEventListener('input', () => this.seek(Number(scrub.value)));
    const speed = this.#q<HTMLSelectElement>('.speed');
    speed.addEventListener('change', () => (this.playbackRate = Number(speed.value)));
    this.#q('.loop').addEventListener('click', () => (this.loop = !this.loop));
    this.#q('.view').addEventListener(
      'click',
      () => void this.setRenderer(this.renderer === '3d' ? '2d' : '3d'),
    );
    this.addEventListener('keydown', (e) => this.#onKey(e));
  }

  #onKey(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const tag = target?.tagName;
    const inControl = tag === 'BUTTON' || tag === 'SELECT' || tag === 'INPUT';
    const step = (delta: number): void => {
      this.pause();
      this.seek(this.currentFrame + delta);
    };
    let handled = true;
    switch (e.key) {
      case ' ':
      case 'k':
        if (inControl && e.key === ' ') return;
        this.#clock.playing ? this.pause() : this.play();
        break;
      case 'ArrowRight':
      case '.':
        if (inControl && e.key === 'ArrowRight') return;
        step(1);
        break;
      case 'ArrowLeft':
      case ',':
        if (inControl && e.key === 'ArrowLeft') return;
        step(-1);
        break;
      case 'Home':
        this.seek(0);
        break;
      case 'End':
        this.seek(this.frameCount - 1);
        break;
      case ']':
        this.playbackRate = stepRate(this.playbackRate, 1);
        break;
      case '[':
        this.playbackRate = stepRate(this.playbackRate, -1);
        break;
      case 'l':
        this.loop = !this.loop;
        break;
      case 'v':
        void this.setRenderer(this.renderer === '3d' ? '2d' : '3d');
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }

  #style(): RenderStyle {
    const thickness = Number(this.getAttribute('thickness'));
    return {
      background: this.getAttribute('background') ?? '#ffffff',
      ...(thickness > 0 ? { thickness } : {}),
    };
  }

  #applyStyle(): void {
    const style = this.#style();
    this.#r2d?.setStyle(style);
    this.#r3d?.setStyle(style);
    this.style.setProperty('--signllm-background', style.background);
  }

  #layout(): void {
    if (this.#root === undefined || this.#active === undefined) return;
    const stage = this.#q('.stage');
    const width = Math.max(1, stage.clientWidth);
    const height = Math.max(1, stage.clientHeight);
    this.#active.resize(width, height, globalThis.devicePixelRatio || 1);
    this.#draw(true);
  }

  #schedule(): void {
    if (this.#raf !== 0 || !this.isConnected) return;
    if (!this.#clock.playing) return;
    this.#raf = requestAnimationFrame(() => {
      this.#raf = 0;
      const wasPlaying = this.#clock.playing;
      this.#draw(false);
      if (this.#clock.ended) {
        this.#syncControls();
        this.dispatchEvent(new CustomEvent('signllm-ended'));
      } else if (wasPlaying) this.#schedule();
    });
  }

  #draw(force: boolean): void {
    if (this.#active === undefined) return;
    const frame = this.#clock.frame();
    if (!force && frame === this.#shown) return;
    this.#active.render(frame);
    const hasFrame = this.#seq !== undefined && this.#seq.frames > 0;
    this.#shown = hasFrame ? frame : -1;
    if (hasFrame) {
      this.#syncTime(frame);
      this.dispatchEvent(
        new CustomEvent('signllm-frame', { detail: { frame, time: frame / this.#clock.fps } }),
      );
      if (this.#needsFirstFrame) {
        this.#needsFirstFrame = false;
        this.dispatchEvent(new CustomEvent('signllm-firstframe', { detail: { frame } }));
      }
    }
    this.#highlight(frame);
    this.#updateMessage();
  }

  #fail(message: string): void {
    this.setMessage(message);
    this.dispatchEvent(new CustomEvent('signllm-error', { detail: { message } }));
  }

  #updateMessage(): void {
    if (this.#root === undefined) return;
    const el = this.#q('.message');
    el.textContent = this.#message;
    el.hidden = this.#message === '';
  }

  #renderGlosses(): void {
    if (this.#root === undefined) return;
    const row = this.#q('.glosses');
    row.replaceChildren(
      ...this.#spans.map((s) => {
        const chip = document.createElement('span');
        chip.className = 'gloss';
        chip.setAttribute('part', 'gloss');
        chip.textContent = s.label;
        return chip;
      }),
    );
    this.#highlight(this.#clock.frame());
  }

  #highlight(frame: number): void {
    if (this.#root === undefined || this.#spans.length === 0) return;
    const current = this.#shown < 0 ? -1 : spanAt(this.#spans, frame);
    if (current === this.#shownSpan) return;
    this.#shownSpan = current;
    this.#q('.glosses')
      .querySelectorAll('.gloss')
      .forEach((chip, i) => {
        chip.setAttribute('aria-current', String(i === current));
      });
  }

  #syncTime(frame: number): void {
    if (this.#root === undefined) return;
    const scrub = this.#q<HTMLInputElement>('.scrub');
    scrub.value = String(frame);
    this.#q('.time').textContent =
      `${formatSeconds(frame / this.#clock.fps)} / ${formatSeconds(this.#clock.duration)} s`;
  }

  #syncControls(): void {
    if (this.#root === undefined) return;
    const playing = this.#clock.playing;
    const play = this.#q('.play');
    play.textContent = playing ? '❚❚' : '▶';
    play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    const scrub = this.#q<HTMLInputElement>('.scrub');
    scrub.max = String(Math.max(0, this.frameCount - 1));
    this.#q<HTMLSelectElement>('.speed').value = String(this.#clock.rate);
    this.#q('.loop').setAttribute('aria-pressed', String(this.#clock.loop));
    const view = this.#q('.view');
    view.setAttribute('aria-pressed', String(this.renderer === '3d'));
    this.#syncTime(this.#clock.frame());
  }
}

/** Defines `<signllm-pose-viewer>` once (a no-op when it already is, or outside a browser). */
export function defineSignPoseViewer(tag: string = POSE_VIEWER_TAG): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (registry === undefined || registry.get(tag) !== undefined) return;
  registry.define(tag, tag === POSE_VIEWER_TAG ? PoseViewerElement : class extends PoseViewerElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'signllm-pose-viewer': PoseViewerElement;
  }
}
