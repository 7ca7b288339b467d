/**
 * The Strict-Transport-Security value of the whole origin. The portal and the API share one origin
 * (CloudFront routes the API behind the portal), so they must send one value, or the browser keeps
 * whichever it saw last. Two years with subdomains, the value preload lists ask for.
 */
export const HSTS = 'max-age=63072000; includeSubDomains';
