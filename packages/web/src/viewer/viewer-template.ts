/** The shadow DOM of `<signllm-pose-viewer>`: its markup and styles (themable through CSS parts and variables). */

export const VIEWER_STYLES = `
:host {
  display: block;
  position: relative;
  min-width: 160px;
  min-height: 160px;
  aspect-ratio: var(--signllm-aspect-ratio, 1);
  color: var(--signllm-text, #1d2330);
  font: 14px/1.4 system-ui, sans-serif;
  outline: none;
  border-radius: var(--signllm-radius, 8px);
  overflow: hidden;
  background: var(--signllm-background, #ffffff);
  contain: content;
}
:host(:focus-visible) { box-shadow: 0 0 0 3px var(--signllm-focus, #2f6fed); }
.frame { display: flex; flex-direction: column; width: 100%; height: 100%; }
.stage { position: relative; flex: 1 1 auto; min-height: 80px; }
.stage canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; touch-action: none; }
.stage canvas[hidden] { display: none; }
.message { position: absolute; inset: 0; display: grid; place-items: center; padding: 1em; text-align: center; color: var(--signllm-muted, #5b6475); pointer-events: none; }
.message[hidden] { display: none; }
.glosses { display: flex; flex-wrap: wrap; gap: 4px; padding: 4px 8px; min-height: 1.6em; }
.glosses:empty { display: none; }
.gloss { padding: 1px 6px; border-radius: 4px; background: var(--signllm-chip, #eef1f6); font-size: 13px; transition: background 80ms; }
.gloss[aria-current='true'] { background: var(--signllm-highlight, #ffd54a); font-weight: 600; }
.controls { display: flex; align-items: center; gap: 6px; padding: 6px 8px; background: var(--signllm-bar, #f4f6fa); flex-wrap: wrap; }
.controls[hidden] { display: none; }
button, select { font: inherit; color: inherit; min-height: 32px; min-width: 32px; border: 1px solid var(--signllm-border, #c9cfdb); background: var(--signllm-button, #fff); border-radius: 6px; padding: 0 8px; cursor: pointer; }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--signllm-focus, #2f6fed); outline-offset: 1px; }
button[aria-pressed='true'] { background: var(--signllm-pressed, #dfe7fb); }
.scrub { flex: 1 1 120px; min-width: 80px; }
.time { font-variant-numeric: tabular-nums; font-size: 12px; min-width: 7.5em; text-align: right; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export const VIEWER_MARKUP = `
<div class="frame" part="frame">
  <div class="stage" part="stage">
    <canvas class="c2d" part="canvas" aria-hidden="true"></canvas>
    <div class="message" part="message" role="status">No pose loaded</div>
  </div>
  <div class="glosses" part="glosses" aria-label="Signs"></div>
  <div class="controls" part="controls" role="toolbar" aria-label="Playback">
    <button type="button" class="play" aria-label="Play" title="Play / pause (Space)">▶</button>
    <input type="range" class="scrub" min="0" max="0" step="1" value="0" aria-label="Frame" />
    <span class="time" aria-hidden="true">0.00 / 0.00 s</span>
    <select class="speed" aria-label="Speed" title="Speed ([ and ])">
      <option value="0.25">0.25×</option><option value="0.5">0.5×</option><option value="0.75">0.75×</option>
      <option value="1" selected>1×</option><option value="1.25">1.25×</option><option value="1.5">1.5×</option>
      <option value="2">2×</option>
    </select>
    <button type="button" class="loop" aria-pressed="true" title="Loop (L)">Loop</button>
    <button type="button" class="view" aria-label="3D view" aria-pressed="false" title="2D / 3D (V)">3D</button>
  </div>
  <span class="sr" aria-live="polite"></span>
</div>
`;
