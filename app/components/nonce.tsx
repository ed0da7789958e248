import { createContext, useContext } from "react";

/**
 * The nonce of the page's Content-Security-Policy, given by entry.server to the inline
 * scripts Remix renders. In the browser it is empty, which is also what the browser
 * shows of a nonce attribute, so hydration sees no difference.
 */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
