// The npm `smpp` package (no typings on npm) is used only in tests, as an independent ESME.
declare module 'smpp';
