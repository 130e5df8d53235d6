import { describe, expect, it } from 'vitest';
import { relativeLinks } from './support/markdown-links.js';

describe('relativeLinks', () => {
  it('finds relative inline links, images, reference definitions and HTML links', () => {
    const markdown = [
      'See [core](../core/README.md) and [guide](docs/guide.md#setup).',
      '![logo](./logo.png)',
      '[ref]: ../../docs/errors.md',
      '<a href="CHANGELOG.md">changes</a>',
    ].join('\n');
    expect(relativeLinks(markdown)).toEqual([
      '../core/README.md',
      'docs/guide.md#setup',
      './logo.png',
      '../../docs/errors.md',
      'CHANGELOG.md',
    ]);
  });

  it('accepts URLs with a scheme and in-page anchors', () => {
    const markdown = [
      '[repo](https://github.com/matrixorigin/matrixone-typescript-sdk)',
      '[mail](mailto:someone@example.com) [section](#usage)',
      '[ref]: https://example.com/docs',
    ].join('\n');
    expect(relativeLinks(markdown)).toEqual([]);
  });

  it('ignores link-like text inside fenced code blocks', () => {
    const markdown = ['```ts', 'const a = b[0](c); // [x](y.md)', '```', '[after](after.md)'].join('\n');
    expect(relativeLinks(markdown)).toEqual(['after.md']);
  });
});
