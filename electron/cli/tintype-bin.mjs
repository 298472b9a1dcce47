#!/usr/bin/env node
// The `tintype` command installed by npm: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./tintype.ts');
