import type { Welcome } from '../shared/protocol';
import { button, format, h } from './dom';
import { post } from './host';

/**
 * What an empty chat shows (the host decides which): a welcome that sets Rill up, with the local
 * servers found on this machine as one-click profiles; or, once set up, the provider and model in
 * use and example questions about the current file.
 */
export function welcomeView(w: Welcome, s: Record<string, string>): HTMLElement {
  if (w.configured) {
    return h(
      'section',
      { class: 'welcome empty', 'aria-label': s.welcomeReady },
      h('p', {}, format(s.chattingWith, w.provider, w.model || s.noModel)),
      w.examples.length
        ? h(
            'div',
            { class: 'examples', role: 'group', 'aria-label': s.examples },
            ...w.examples.map((q, index) => button(q, () => post({ type: 'askExample', index }), { class: 'example' })),
          )
        : h('p', { class: 'muted' }, s.empty),
    );
  }
  const servers = w.servers.map((srv, index) =>
    button(format(s.useLocalServer, srv.label, srv.model, srv.address), () => post({ type: 'useLocalServer', index }), {
      class: 'primary local-server',
    }),
  );
  return h(
    'section',
    { class: 'welcome empty', 'aria-label': s.welcomeTitle },
    h('h2', {}, s.welcomeTitle),
    h('p', {}, s.welcomeText),
    w.probing
      ? h('p', { class: 'muted', role: 'status' }, s.lookingForServers)
      : servers.length
        ? h('div', { class: 'servers', role: 'group', 'aria-label': s.localServersFound }, ...servers)
        : h('p', { class: 'muted', role: 'status' }, s.noLocalServers),
    h(
      'div',
      { class: 'setup-actions' },
      button(s.findLocalServers, () => post({ type: 'setupAction', action: 'findLocalServers' }), {
        disabled: w.probing,
      }),
      // One primary action: a found server's Use button, else (none found) Select Provider.
      button(s.selectProvider, () => post({ type: 'setupAction', action: 'selectProvider' }), {
        class: w.probing || servers.length ? '' : 'primary',
      }),
      button(s.setApiKey, () => post({ type: 'setupAction', action: 'setApiKey' })),
      button(s.testConnection, () => post({ type: 'setupAction', action: 'testConnection' })),
    ),
  );
}
