// @vitest-environment jsdom
// The composer as a person uses it: mentions, editing the last message with ↑, a failed send, Send files.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer, type ComposerProps } from '../../../../../src/renderer/features/room/Composer.tsx';
import type { MentionCandidate } from '../../../../../src/renderer/matrix/mentions.ts';
import type { TimelineItem } from '../../../../../src/renderer/matrix/timeline.ts';
import { installDialogPolyfill } from '../../../support/dialogPolyfill.ts';
import { renderIn, type TestLanguage } from '../../../support/i18nWrapper.tsx';

afterEach(cleanup);

const ME = '@me:example.org';
const MEMBERS: MentionCandidate[] = [
  { userId: ME, name: 'Me Myself' },
  { userId: '@alice:example.org', name: 'Alice Martin' },
  { userId: '@albert:example.org', name: 'Albert Dupont' },
  { userId: '@bob:example.org', name: 'Bob Leroy' },
];

function ownMessage(body: string): TimelineItem {
  return {
    eventId: '$last',
    sender: ME,
    senderName: 'Me Myself',
    senderAvatar: null,
    timestamp: 1_700_000_000_000,
    kind: 'text',
    body,
    formattedBody: null,
    edited: false,
    pending: false,
    mine: true,
    replyTo: null,
    reactions: [],
    media: null,
  };
}

type SendArgs = Parameters<ComposerProps['onSend']>;

async function setUp(overrides: Partial<ComposerProps> = {}, language: TestLanguage = 'en') {
  const onSend = vi.fn<(...args: SendArgs) => Promise<void>>(() => Promise.resolve());
  const props: ComposerProps = {
    replyTo: null,
    onCancelReply: () => undefined,
    lastOwnMessage: null,
    onSend,
    members: MEMBERS,
    myUserId: ME,
    onTyping: () => undefined,
    onAttachFiles: () => Promise.resolve(),
    ...overrides,
  };
  await renderIn(language, <Composer {...props} />);
  // `onSend` is the default fake; a test that passes its own keeps its own reference.
  return { user: userEvent.setup(), onSend };
}

describe('Composer: mentions', () => {
  it('typing @ and letters lists matching members (not me), and choosing one inserts the mention', async () => {
    const { user, onSend } = await setUp();
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(screen.queryByRole('listbox', { name: 'People in this room' })).toBeNull();

    await user.type(box, 'Hi @al');
    const list = screen.getByRole('listbox', { name: 'People in this room' });
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Albert Dupont @albert:example.org', 'Alice Martin @alice:example.org']);
    expect(list.contains(options[0] ?? null)).toBe(true);
    expect(screen.getByRole('option', { name: /Albert Dupont/ }).getAttribute('aria-selected')).toBe('true');

    await user.click(screen.getByRole('option', { name: /Alice Martin/ }));
    expect(box).toHaveProperty('value', 'Hi Alice Martin ');
    expect(screen.queryByRole('listbox', { name: 'People in this room' })).toBeNull();

    await user.type(box, 'ça va ?{Enter}');
    expect(onSend).toHaveBeenCalledWith('Hi Alice Martin ça va ?', { kind: 'new' }, [MEMBERS[1]]);
  });

  it('the keyboard moves through the suggestions and Enter picks one without sending', async () => {
    const { user, onSend } = await setUp();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '@al{ArrowDown}');
    expect(screen.getByRole('option', { name: /Alice Martin/ }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(box).toHaveProperty('value', 'Alice Martin ');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('no suggestion list when nobody matches', async () => {
    const { user } = await setUp();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), '@zz');
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});

describe('Composer: editing the last message with ↑', () => {
  it('↑ in an empty composer loads the last own message and sends an edit of it', async () => {
    const { user, onSend } = await setUp({ lastOwnMessage: ownMessage('Réunion à 10 h') });
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    expect(box).toHaveProperty('value', 'Réunion à 10 h');
    expect(screen.getByText('Editing your message')).toBeTruthy();

    await user.type(box, '30{Enter}');
    expect(onSend).toHaveBeenCalledWith('Réunion à 10 h30', { kind: 'edit', eventId: '$last' }, []);
    expect(screen.queryByText('Editing your message')).toBeNull();
  });

  it('↑ does nothing once something is typed, and Cancel leaves the edit', async () => {
    const { user } = await setUp({ lastOwnMessage: ownMessage('old') });
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'new{ArrowUp}');
    expect(box).toHaveProperty('value', 'new');
    expect(screen.queryByText('Editing your message')).toBeNull();

    await user.clear(box);
    await user.keyboard('{ArrowUp}');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('Editing your message')).toBeNull();
  });
});

describe('Composer: a failed send', () => {
  it('clears the box while sending, then brings the text back with an alert when the send fails', async () => {
    let fail: (reason: Error) => void = () => undefined;
    const onSend = vi.fn<(...args: SendArgs) => Promise<void>>(
      () =>
        new Promise<void>((_, reject) => {
          fail = reject;
        }),
    );
    const { user } = await setUp({ onSend });
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'Bonjour à tous');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(box).toHaveProperty('value', '');
    expect(screen.queryByRole('alert')).toBeNull();

    fail(new Error('offline'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Your message could not be sent. It is back in the box: try again.');
    expect(box).toHaveProperty('value', 'Bonjour à tous');
  });

  it('in French: labels, suggestions and the failure alert', async () => {
    const onSend = vi.fn<(...args: SendArgs) => Promise<void>>(() => Promise.reject(new Error('offline')));
    const { user } = await setUp({ onSend }, 'fr');
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box.getAttribute('placeholder')).toBe('Écrire un message…');
    await user.type(box, '@bo');
    expect(screen.getByRole('listbox', { name: 'Personnes dans ce salon' })).toBeTruthy();
    await user.keyboard('{Tab}');
    await user.click(screen.getByRole('button', { name: 'Envoyer' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe(
        'Votre message n’a pas pu être envoyé. Il est revenu dans la zone de saisie : réessayez.',
      );
    });
    expect(box).toHaveProperty('value', 'Bob Leroy');
    expect(onSend).toHaveBeenCalledWith('Bob Leroy', { kind: 'new' }, [MEMBERS[3]]);
  });
});

describe('Composer: drafts', () => {
  it('starts from a saved draft, edit included, and reports each change', async () => {
    const onDraftChange = vi.fn();
    const { user, onSend } = await setUp({
      initialDraft: { text: 'Corrected text', mentions: [], editing: ownMessage('Old text') },
      onDraftChange,
    });
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveProperty('value', 'Corrected text');
    expect(screen.getByText('Editing your message')).toBeTruthy();
    expect(onDraftChange).toHaveBeenLastCalledWith({ text: 'Corrected text', mentions: [], editEventId: '$last' });

    await user.type(box, '!');
    expect(onDraftChange).toHaveBeenLastCalledWith({ text: 'Corrected text!', mentions: [], editEventId: '$last' });
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('Corrected text!', { kind: 'edit', eventId: '$last' }, []);
    // Sent: the draft is empty again.
    expect(onDraftChange).toHaveBeenLastCalledWith({ text: '', mentions: [], editEventId: null });
  });
});

describe('Composer: Edit chosen on a message', () => {
  it('puts the message in the field, says so, and sends an edit', async () => {
    const onSend = vi.fn<(...args: SendArgs) => Promise<void>>(() => Promise.resolve());
    const { user } = await setUp({ onSend, editRequest: { item: ownMessage('Typo heer'), seq: 1 } });
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveProperty('value', 'Typo heer');
    expect(screen.getByText('Editing your message')).toBeTruthy();
    await user.clear(box);
    await user.type(box, 'Typo here{Enter}');
    expect(onSend).toHaveBeenCalledWith('Typo here', { kind: 'edit', eventId: '$last' }, []);
  });
});

describe('Composer: commands', () => {
  it('explains a command it does not know, keeps the text, and sends nothing', async () => {
    const { user, onSend } = await setUp();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '/shrug{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('“/shrug” is not a command');
    expect(box).toHaveProperty('value', '/shrug');
  });

  it('passes a known command on', async () => {
    const { user, onSend } = await setUp();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), '/me waves{Enter}');
    expect(onSend).toHaveBeenCalledWith('/me waves', { kind: 'new' }, []);
  });
});

describe('Composer: command suggestions', () => {
  it('"/" lists the commands, typing filters, Tab completes, and Enter does not send meanwhile', async () => {
    const { user, onSend } = await setUp();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '/');
    expect(screen.getAllByRole('option').map((o) => o.textContent.split(' ')[0])).toEqual([
      '/me',
      '/plain',
      '/topic',
      '/invite',
      '/leave',
    ]);
    await user.type(box, 'in');
    const option = screen.getByRole('option', { name: /^\/invite/ });
    expect(box.getAttribute('aria-activedescendant')).toBe(option.id);
    await user.keyboard('{Enter}');
    expect(box).toHaveProperty('value', '/invite ');
    expect(screen.queryByRole('listbox', { name: 'Commands' })).toBeNull();
    expect(onSend).not.toHaveBeenCalled();
  });

  it('Escape closes the list and keeps the text; in French the list and descriptions are French', async () => {
    const { user } = await setUp({}, 'fr');
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '/le');
    expect(screen.getByRole('listbox', { name: 'Commandes' }).textContent).toContain('Quitter ce salon');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox', { name: 'Commandes' })).toBeNull();
    expect(box).toHaveProperty('value', '/le');
  });
});

describe('Composer: formatting', () => {
  it('Ctrl+B wraps the selection in bold Markdown', async () => {
    const { user } = await setUp();
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    await user.type(box, 'très important');
    box.setSelectionRange(5, 14);
    await user.keyboard('{Control>}b{/Control}');
    expect(box.value).toBe('très **important**');
  });

  it('the Formatting toggle shows the toolbar, whose buttons act on the text', async () => {
    const { user } = await setUp();
    const toggle = screen.getByRole('button', { name: 'Formatting' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'point');
    (box as HTMLTextAreaElement).select();
    await user.click(screen.getByRole('button', { name: 'Bulleted list' }));
    expect(box).toHaveProperty('value', '- point');
    await user.click(toggle);
  });
});

describe('Composer: Send files', () => {
  installDialogPolyfill();
  function attach(files: File[]) {
    const input = document.getElementById('composer-file');
    if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
    return userEvent.setup().upload(input, files);
  }
  const note = () => new File(['notes'], 'notes.txt', { type: 'text/plain' });
  const draft = () => new File(['draft'], 'brouillon.txt', { type: 'text/plain' });

  it('one file: one caption field; several: a caption per file, each sent with its own file', async () => {
    const onAttachFiles = vi.fn<ComposerProps['onAttachFiles']>(() => Promise.resolve());
    const { user } = await setUp({ onAttachFiles });
    await attach([note()]);
    const dialog = screen.getByRole('dialog', { name: 'Send files' });
    expect(screen.getByRole('textbox', { name: 'Caption (optional)' })).toBeTruthy();
    await attach([draft()]);
    expect(screen.queryByRole('textbox', { name: 'Caption (optional)' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Caption for notes.txt (optional)' }), 'Points à voir ');
    await user.type(screen.getByRole('textbox', { name: 'Caption for brouillon.txt (optional)' }), 'À relire');
    await user.click(screen.getByRole('button', { name: 'Send 2 files' }));
    await waitFor(() => expect(onAttachFiles).toHaveBeenCalledTimes(1));
    const sent = onAttachFiles.mock.calls[0]?.[0] ?? [];
    expect(sent.map(({ file, caption }) => [file.name, caption])).toEqual([
      ['notes.txt', 'Points à voir'],
      ['brouillon.txt', 'À relire'],
    ]);
    await waitFor(() => expect(dialog.hasAttribute('open')).toBe(false));
  });

  it('removing a file takes its caption with it; the others keep theirs', async () => {
    const onAttachFiles = vi.fn<ComposerProps['onAttachFiles']>(() => Promise.resolve());
    const { user } = await setUp({ onAttachFiles }, 'fr');
    await attach([note(), draft()]);
    await user.type(screen.getByRole('textbox', { name: 'Légende de notes.txt (facultative)' }), 'Premier');
    await user.type(screen.getByRole('textbox', { name: 'Légende de brouillon.txt (facultative)' }), 'Second');
    await user.click(screen.getByRole('button', { name: 'Retirer notes.txt' }));
    expect(screen.getByRole('textbox', { name: 'Légende (facultative)' })).toHaveProperty('value', 'Second');
    await user.click(screen.getByRole('button', { name: 'Envoyer 1 fichier' }));
    await waitFor(() => expect(onAttachFiles).toHaveBeenCalledTimes(1));
    expect(onAttachFiles.mock.calls[0]?.[0].map(({ file, caption }) => [file.name, caption])).toEqual([
      ['brouillon.txt', 'Second'],
    ]);
  });
});
