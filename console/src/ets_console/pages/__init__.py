"""The console's pages, one module per audience: `public` (no sign-in), `entity`, `agency` (and verifiers), and
the sign-in (`auth`). Each module has a `router`; `ets_console.app` includes them."""
