/**
 * Thin clients for WeChat's APIs (base URLs from config) and the sandbox that simulates them for tests and the dev
 * run. Depends on nothing else in Mendian; the platform context drives it.
 */
package io.mendian.wechat;
