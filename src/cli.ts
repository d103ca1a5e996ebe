// Command-line entry point on the streaming core.
export {};
