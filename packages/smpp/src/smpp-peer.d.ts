// The npm `smpp` package (no typings on npm) is used only in tests, as an independent SMPP peer.
declare module 'smpp';
