export { folderReader } from './folder-reader.ts';
export { loadRendering, placeAtOrigins } from './load-rendered.ts';
export { OVERLAY_FILE } from './overlay-file.ts';
export type { FolderListing, OverlayReader, ParameterStore, ParameterValue } from './reader.ts';
export { MASK, type Rendering, type RenderOptions, renderFolder } from './render.ts';
export { type RenderDirectoryOptions, renderDirectory } from './render-directory.ts';
export { OriginMap } from './translate.ts';
