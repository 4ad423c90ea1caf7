#!/usr/bin/env node
// Entry point of the `tessera` command (`pnpm tessera <command>` from the repository root).
import { runCli } from './cli';

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
