/** Importing this module defines `<signllm-pose-viewer>` (for `<script type="module">` pages). */
import { defineSignPoseViewer } from './pose-viewer-element.ts';

defineSignPoseViewer();
