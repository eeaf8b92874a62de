// The upload pool's thread entry (upload-pool.ts). Plain JavaScript because it is loaded by path at
// run time, outside Next's bundle and whatever loader the host process has; tsx compiles the
// TypeScript it imports.
import { tsImport } from 'tsx/esm/api';

const task = tsImport('./process-upload.ts', import.meta.url);

export default async function processUploadInThread(bytes) {
  return (await task).processUpload(bytes);
}
