import type { ServiceModule } from './service-module.js';

/** The product's capabilities, in the order they see each webhook event. */
export function productModules(): ServiceModule[] {
  return [];
}
