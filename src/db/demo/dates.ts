/** Moved to src/core/shared/zoned-time.ts (the admin event form needs it too); kept so existing imports work. */
export * from '../../core/shared/zoned-time.js';
