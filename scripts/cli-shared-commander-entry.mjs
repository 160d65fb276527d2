// commander, shared by main.js and every command in the bundled CLI (scripts/bundle-cli.mjs).
export { Argument, Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
