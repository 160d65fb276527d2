// Lets the front end import CSS files (Vite bundles them).
declare module '*.css';
