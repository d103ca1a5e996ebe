// Webview entry point (runs inside the iframe).
export {};
