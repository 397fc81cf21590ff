/**
 * The simulated logistics platform of {@code nines demo}: a shop (the stand-in for Shopify),
 * the app with its simulated database and courier partner, and the request path in front of
 * it (CDN with an HTTPS listener, load balancer, L7 proxy), each a real HTTP server on
 * loopback that reports its own request events to Nines. Faults reach it through
 * {@link dev.nines.demo.platform.Conditions} and a few switches on {@link
 * dev.nines.demo.platform.Platform}.
 */
package dev.nines.demo.platform;
