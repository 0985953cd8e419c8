// Only the jsdom tests need the DOM matchers; the Node ones (server, browser) skip them.
if (typeof window !== 'undefined') require('@testing-library/jest-dom');
