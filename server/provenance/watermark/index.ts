export { embedWatermark, MIN_SIDE } from './embed';
export { extractWatermark, type Size, type WatermarkReading } from './extract';
export type { Channels } from './luma';
export { PAYLOAD_BITS } from './payload';
