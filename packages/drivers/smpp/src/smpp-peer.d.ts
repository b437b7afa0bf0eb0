// The npm `smpp` package (no typings on npm) is used only in tests, as an independent SMSC.
declare module 'smpp';
