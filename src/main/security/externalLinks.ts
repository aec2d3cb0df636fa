// The rule lives in src/shared so the web build applies the same one (see WebPlatform).
export { externalLinkTarget } from '../../shared/externalLinks.ts';
