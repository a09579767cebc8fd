import 'reflect-metadata';
import { startApp } from './bootstrap.js';

try {
  await startApp();
} catch (error) {
  console.error(`Failed to start: ${(error as Error).message}`);
  process.exit(1);
}
