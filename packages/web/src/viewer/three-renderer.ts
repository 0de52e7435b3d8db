/**
 * The 3D renderer of `<signllm-pose-viewer>`: a three.js scene on its own WebGL canvas, drawn on
 * demand (at `render(frame)` and while the user orbits), never in an animation loop.
 *
 * Data are image-like (x right, y down, z away from the camera) in arbitrary units; the world is
 * three.js' (y up, z toward the camera). `worldTransform` centres the sequence's bounds at the origin
 * and scales its larger x/y extent to 2 world units, so the camera framing hardly depends on the data.
 *
 * Bones are thin cylinders and joints small spheres: two `InstancedMesh`es, per-instance colours,
 * `MeshBasicMaterial` (unlit: the skeleton's exact colours, as in the 2D view). Why not lines: WebGL
 * lines are 1 px wide almost everywhere, and `LineSegments2`'s shader normalises each segment's
 * direction, so it has no well-defined way to hide one; plain triangles render the same everywhere,
 * headless SwiftShader included. The per-frame work (`writeFrameGeometry`, `writeInstanceMatrices`)
 * is pure and allocation-free.
 */
import type { PoseSequence, Rgb, Skeleton } from '@signllm/core';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { type Bounds, emptyBounds, growBounds } from './geometry.ts';
import type { PoseRenderer, RenderStyle } from './renderer.ts';
import { boneColors, jointRadius, lineThickness, unitColor } from './style.ts';

/** `world = ((x − cx)·s, (cy − y)·s, (cz − z)·s)`: centred, y up, z toward the camera. */
export interface WorldTransform {
  center: [number, number, number];
  scale: number;
}

/**
 * The transform that centres `bounds` at the origin and makes the larger of its x/y extents 2 world
 * units (the z extent if x and y are flat; scale 1 for a single point or an empty box).
 *
 * @example
 * ```ts
 * worldTransform(sequenceBounds(seq)); // { center: [320, 240, 0], scale: 0.005 } for a 400 px tall signer
 * ```
 */
export function worldTransform(bounds: Bounds): WorldTransform {
  if (bounds.empty) return { center: [0, 0, 0], scale: 1 };
  const { minX, maxX, minY, maxY, minZ, maxZ } = bounds;
  const span = Math.max(maxX - minX, maxY - minY);
  const scale = span > 0 ? 2 / span : maxZ > minZ ? 2 / (maxZ - minZ) : 1;
  return { center: [(minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2], scale };
}

/** Writes the world position of data point (x, y, z) at `out[offset..offset+2]`; returns `out`. */
export function toWorld<T extends Float32Array | number[]>(
  x: number,
  y: number,
  z: number,
  t: WorldTransform,
  out: T,
  offset = 0,
): T {
  out[offset] = (x - t.center[0]) * t.scale;
  out[offset + 1] = (t.center[1] - y) * t.scale;
  out[offset + 2] = (t.center[2] - z) * t.scale;
  return out;
}

/**
 * One frame in world space, preallocated per skeleton (`createFrameGeometry`). A hidden joint or bone
 * has visibility 0 and its vertices collapsed onto the origin (a bone: both ends on the same point).
 */
export interface FrameGeometry {
  /** 3 floats per joint. */
  readonly jointPositions: Float32Array;
  /** 1 per present joint, 0 per missing one. */
  readonly jointVisible: Uint8Array;
  /** 6 floats per bone (start xyz, end xyz): the `LineSegments` layout, 2 vertices per bone. */
  readonly bonePositions: Float32Array;
  /** 1 when both ends are present, else 0. */
  readonly boneVisible: Uint8Array;
}

/** Allocates the per-frame buffers of a skeleton. */
export function createFrameGeometry(skeleton: Skeleton): FrameGeometry {
  const joints = skeleton.joints.length;
  const bones = skeleton.bones.length;
  return {
    jointPositions: new Float32Array(joints * 3),
    jointVisible: new Uint8Array(joints),
    bonePositions: new Float32Array(bones * 6),
    boneVisible: new Uint8Array(bones),
  };
}

/**
 * Fills `out` with frame `frame` of `seq` (clamped; nothing visible when there are no frames) through
 * `t`. A joint is present when its confidence is > 0 and its coordinates are finite; 2D data get z 0.
 * Returns the number of visible joints.
 */
export function writeFrameGeometry(
  seq: PoseSequence,
  frame: number,
  t: WorldTransform,
  out: FrameGeometry,
): number {
  const { joints, dims, data, confidence } = seq;
  const { jointPositions: jp, jointVisible: jv, bonePositions: bp, boneVisible: bv } = out;
  const f = Math.min(Math.max(0, Math.floor(frame) || 0), seq.frames - 1);
  if (f < 0) {
    for (const a of [jp, jv, bp, bv]) a.fill(0);
    return 0;
  }
  let visible = 0;
  for (let j = 0; j < joints; j++) {
    const o = (f * joints + j) * dims;
    const x = data[o]!;
    const y = data[o + 1]!;
    const z = dims === 3 ? data[o + 2]! : t.center[2];
    const ok = confidence[f * joints + j]! > 0 && Number.isFinite(x + y + z);
    if (ok) toWorld(x, y, z, t, jp, 3 * j);
    else jp.fill(0, 3 * j, 3 * j + 3);
    jv[j] = ok ? 1 : 0;
    visible += jv[j]!;
  }
  const bones = seq.skeleton.bones;
  for (let b = 0; b < bones.length; b++) {
    const [a, c] = bones[b]!;
    const ok = jv[a] === 1 && jv[c] === 1;
    bv[b] = ok ? 1 : 0;
    for (let k = 0; k < 3; k++) {
      bp[6 * b + k] = ok ? jp[3 * a + k]! : 0;
      bp[6 * b + 3 + k] = ok ? jp[3 * c + k]! : 0;
    }
  }
  return visible;
}

const Y_AXIS = new THREE.Vector3(0, 1, 0);
const tmp = {
  m: new THREE.Matrix4(),
  q: new THREE.Quaternion(),
  p: new THREE.Vector3(),
  d: new THREE.Vector3(),
};

/**
 * Writes the instance matrices (4×4 column-major, three.js' layout) of the bone cylinders (the unit
 * cylinder along y, scaled to `boneRadius` and to the bone's length, rotated onto the bone) and the
 * joint spheres (the unit sphere scaled to `jointRadiusWorld`). Hidden instances get scale 0: all
 * their triangles have zero area and are never rasterised, whatever the camera; a bone cannot be
 * hidden with `setDrawRange`, which only cuts a contiguous range.
 */
export function writeInstanceMatrices(
  g: FrameGeometry,
  boneRadius: number,
  jointRadiusWorld: number,
  boneMatrices: Float32Array,
  jointMatrices: Float32Array,
): void {
  const { m, q, p, d } = tmp;
  for (let j = 0; j < g.jointVisible.length; j++) {
    const r = g.jointVisible[j] === 1 ? jointRadiusWorld : 0;
    m.makeScale(r, r, r)
      .setPosition(p.fromArray(g.jointPositions, 3 * j))
      .toArray(jointMatrices, 16 * j);
  }
  const bp = g.bonePositions;
  for (let b = 0; b < g.boneVisible.length; b++) {
    p.fromArray(bp, 6 * b);
    d.fromArray(bp, 6 * b + 3).sub(p);
    const len = d.length();
    if (g.boneVisible[b] !== 1 || !(len > 1e-9)) {
      m.makeScale(0, 0, 0).toArray(boneMatrices, 16 * b);
      continue;
    }
    q.setFromUnitVectors(Y_AXIS, d.divideScalar(len));
    p.addScaledVector(d, len / 2); // the midpoint: the cylinder is centred on its origin
    m.compose(p, q, d.set(boneRadius, len, boneRadius)).toArray(boneMatrices, 16 * b);
  }
}

const FOV = 40;
const HOME_YAW = (30 * Math.PI) / 180;
const HOME_PITCH = (10 * Math.PI) / 180;
const HOME_SIN_YAW = Math.sin(HOME_YAW);
const HOME_COS_YAW = Math.cos(HOME_YAW);
const HOME_SIN_PITCH = Math.sin(HOME_PITCH);
const HOME_COS_PITCH = Math.cos(HOME_PITCH);
const TAN = Math.tan((FOV * Math.PI) / 360);

/** The 3D `PoseRenderer`: a three.js scene with orbit controls (drag, wheel, touch; no keys). */
export class ThreeRenderer implements PoseRenderer {
  readonly kind = '3d' as const;
  readonly canvas: HTMLCanvasElement;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(FOV, 2, 0.01, 100);
  private readonly controls: OrbitControls;
  private readonly boneGeometry = new THREE.CylinderGeometry(1, 1, 1, 10, 1, true);
  private readonly jointGeometry = new THREE.SphereGeometry(1, 14, 10);
  private readonly material = new THREE.MeshBasicMaterial({ color: 0xffffff });
  private bones: THREE.InstancedMesh | undefined;
  private joints: THREE.InstancedMesh | undefined;
  private skeleton: Skeleton | undefined;
  private frameGeometry: FrameGeometry | undefined;
  private seq: PoseSequence | undefined;
  private growing = false;
  private bounds: Bounds = emptyBounds();
  private boundsFrames = 0;
  private transform: WorldTransform = { center: [0, 0, 0], scale: 1 };
  private style: RenderStyle = { background: '#ffffff' };
  private cssWidth = 300;
  private cssHeight = 150;
  private homeDistance = 4;
  private atHome = true;
  private lastFrame = 0;

  /**
   * Creates the renderer on `canvas` (a new one when absent). Throws an `Error` starting "3D view
   * needs WebGL" when no WebGL2 context can be made, so the caller can fall back to 2D.
   *
   * @example
   * ```ts
   * const r = new ThreeRenderer();
   * r.resize(640, 480, devicePixelRatio);
   * r.setSequence(seq);
   * r.render(0);
   * ```
   */
  constructor(canvas?: HTMLCanvasElement) {
    const fail = (why: string, cause?: unknown): Error =>
      new Error(`3D view needs WebGL, which this browser does not provide: ${why}`, { cause });
    if (canvas === undefined && typeof document === 'undefined') throw fail('there is no document');
    this.canvas = canvas ?? document.createElement('canvas');
    try {
      this.renderer = new THREE.WebGLRenderer({
        canvas: this.canvas,
        antialias: true,
        preserveDrawingBuffer: true, // tests read pixels back; the app records the canvas to video
        alpha: false,
      });
    } catch (e) {
      throw fail(e instanceof Error ? e.message : String(e), e);
    }
    this.controls = new OrbitControls(this.camera, this.canvas); // no listenToKeyEvents: arrows step frames
    this.controls.addEventListener('change', this.draw);
    this.controls.addEventListener('start', this.leaveHome);
    this.setStyle(this.style);
    this.resetView();
  }

  /** Sets the drawing-buffer size (the element sets the CSS size) and the camera aspect; redraws. */
  resize(width: number, height: number, pixelRatio: number): void {
    this.cssWidth = Math.max(1, width);
    this.cssHeight = Math.max(1, height);
    this.renderer.setPixelRatio(pixelRatio);
    this.renderer.setSize(this.cssWidth, this.cssHeight, false);
    this.camera.aspect = this.cssWidth / this.cssHeight;
    this.camera.updateProjectionMatrix();
    if (this.atHome) this.home();
    this.render(this.lastFrame);
  }

  /**
   * Shows `seq`. While `growing`, repeated calls with the same skeleton only visit the new frames to
   * widen the bounds, and the camera is re-framed only if the user has not moved it.
   */
  setSequence(seq: PoseSequence | undefined, growing = false): void {
    if (seq === undefined) {
      this.seq = undefined;
      this.growing = false;
      return;
    }
    const prev = this.seq;
    const sameShape = prev?.skeleton === seq.skeleton && seq.frames >= this.boundsFrames;
    const continuing = this.growing && sameShape && (growing || seq === prev);
    if (seq.skeleton !== this.skeleton) this.build(seq.skeleton);
    if (!continuing) {
      this.bounds = emptyBounds();
      this.boundsFrames = 0;
    }
    growBounds(this.bounds, seq, this.boundsFrames, seq.frames);
    this.boundsFrames = seq.frames;
    this.transform = worldTransform(this.bounds);
    this.seq = seq;
    this.growing = growing;
    if (!continuing || this.atHome) this.home();
  }

  /** Draws frame `frame` (clamped to the sequence), or only the background when there is none. */
  render(frame: number): void {
    const { seq, frameGeometry: g, bones, joints } = this;
    const show = seq !== undefined && seq.frames > 0 && g !== undefined && !!bones && !!joints;
    if (bones) bones.visible = show;
    if (joints) joints.visible = show;
    if (show) {
      this.lastFrame = Math.min(Math.max(0, Math.floor(frame) || 0), seq.frames - 1);
      writeFrameGeometry(seq, this.lastFrame, this.transform, g);
      const thickness = this.style.thickness ?? lineThickness(this.cssWidth, this.cssHeight);
      const worldPerPx = (2 * this.homeDistance * TAN) / this.cssHeight;
      writeInstanceMatrices(
        g,
        (thickness / 2) * worldPerPx,
        jointRadius(thickness) * 2 * worldPerPx,
        bones.instanceMatrix.array as Float32Array,
        joints.instanceMatrix.array as Float32Array,
      );
      bones.instanceMatrix.needsUpdate = true;
      joints.instanceMatrix.needsUpdate = true;
    }
    this.draw();
  }

  /** Sets the clear colour (any CSS colour `THREE.Color` parses) and the bone thickness. */
  setStyle(style: RenderStyle): void {
    this.style = { ...style };
    this.renderer.setClearColor(new THREE.Color(style.background), 1);
  }

  /** Puts the camera back in front of the figure, framing all of it, and redraws. */
  resetView(): void {
    this.home();
    this.draw();
  }

  /** Frees geometries, materials, controls and the WebGL renderer. */
  dispose(): void {
    this.controls.removeEventListener('change', this.draw);
    this.controls.removeEventListener('start', this.leaveHome);
    for (const it of [this.controls, this.bones, this.joints, this.boneGeometry, this.jointGeometry])
      it?.dispose();
    this.material.dispose();
    this.renderer.dispose();
  }

  /** The home camera: in front (+z), turned a little, looking at the origin, framing the figure's box. */
  private home(): void {
    const b = this.bounds;
    const s = this.transform.scale;
    const half = (lo: number, hi: number, min: number): number =>
      b.empty ? min : Math.max(min, ((hi - lo) * s) / 2);
    const hx = half(b.minX, b.maxX, 0.5);
    const hy = half(b.minY, b.maxY, 0.5);
    const hz = half(b.minZ, b.maxZ, 0);
    this.homeDistance = hz + 1.15 * Math.max(hy / TAN, hx / (TAN * this.camera.aspect));
    this.camera.near = this.homeDistance / 100;
    this.camera.far = this.homeDistance * 100;
    this.camera.updateProjectionMatrix();
    this.camera.up.set(0, 1, 0);
    // A three-quarter view (30° to the side, 10° above), so the view reads as 3D from the start.
    const d = this.homeDistance;
    this.camera.position.set(
      d * HOME_SIN_YAW * HOME_COS_PITCH,
      d * HOME_SIN_PITCH,
      d * HOME_COS_YAW * HOME_COS_PITCH,
    );
    this.controls.target.set(0, 0, 0);
    this.controls.update();
    this.atHome = true;
  }

  private readonly draw = (): void => {
    this.renderer.render(this.scene, this.camera);
  };

  private readonly leaveHome = (): void => {
    this.atHome = false;
  };

  /** (Re)creates the meshes and per-frame buffers of a skeleton and sets their colours once. */
  private build(skeleton: Skeleton): void {
    for (const mesh of [this.bones, this.joints]) mesh?.removeFromParent().dispose();
    const color = new THREE.Color();
    const make = (geometry: THREE.BufferGeometry, colors: readonly Rgb[]): THREE.InstancedMesh => {
      const mesh = new THREE.InstancedMesh(geometry, this.material, colors.length);
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      mesh.frustumCulled = false; // instances move every frame; the cached bounding sphere would go stale
      mesh.visible = false;
      colors.forEach((rgb, i) => {
        const [r, g, b] = unitColor(rgb);
        mesh.setColorAt(i, color.setRGB(r, g, b, THREE.SRGBColorSpace));
      });
      this.scene.add(mesh);
      return mesh;
    };
    this.bones = make(this.boneGeometry, boneColors(skeleton));
    this.joints = make(this.jointGeometry, skeleton.colors);
    this.frameGeometry = createFrameGeometry(skeleton);
    this.skeleton = skeleton;
  }
}
