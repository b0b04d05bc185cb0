/** Vitest setup: DOM matchers-free; cleans up mounted components between tests. */
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';

afterEach(() => cleanup());
