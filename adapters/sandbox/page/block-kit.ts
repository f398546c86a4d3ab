import { h } from './dom.js';
import { mrkdwn, plain, type TextContext } from './slack-text.js';

/* Block Kit rendered as the Slack client shows it, for the blocks and elements tugi sends. */

type Json = Record<string, any>;
export type BlockAction = Record<string, unknown>;

const text = (t: Json | undefined, ctx: TextContext) => (t ? (t.type === 'mrkdwn' ? mrkdwn(t.text ?? '', ctx) : plain(t.text ?? '')) : '');
const option = (o: Json) => ({ value: String(o.value), label: String(o.text?.text ?? o.value) });

/** Renders message blocks; `act` receives a pressed button or chosen option as Slack sends it in `actions[]`. */
export function renderBlocks(blocks: Json[], ctx: TextContext, act: (action: BlockAction) => void): HTMLElement {
  return h('div', { class: 'blocks' }, ...blocks.map((block) => renderBlock(block, ctx, act)));
}

function renderBlock(block: Json, ctx: TextContext, act: (action: BlockAction) => void): HTMLElement | null {
  const blockId = String(block.block_id ?? '');
  switch (block.type) {
    case 'header':
      return h('div', { class: 'bk-header', html: text(block.text, ctx) });
    case 'section':
      return h(
        'div',
        { class: 'bk-section' },
        h(
          'div',
          { class: 'bk-section-body' },
          block.text ? h('div', { html: text(block.text, ctx) }) : null,
          block.fields ? h('div', { class: 'bk-fields' }, ...block.fields.map((f: Json) => h('div', { html: text(f, ctx) }))) : null,
        ),
        block.accessory ? renderElement(block.accessory, blockId, ctx, act) : null,
      );
    case 'context':
      return h('div', { class: 'bk-context' }, ...(block.elements ?? []).map((e: Json) => (e.type === 'image' ? h('img', { src: e.image_url, alt: e.alt_text ?? '' }) : h('span', { html: text(e, ctx) }))));
    case 'divider':
      return h('hr', { class: 'bk-divider' });
    case 'image':
      return h('img', { class: 'bk-image', src: block.image_url, alt: block.alt_text ?? '' });
    case 'actions':
      return h('div', { class: 'bk-actions' }, ...(block.elements ?? []).map((e: Json) => renderElement(e, blockId, ctx, act)));
    default:
      return h('div', { class: 'bk-context' }, `[${String(block.type)} block]`);
  }
}

function renderElement(element: Json, blockId: string, ctx: TextContext, act: (action: BlockAction) => void): HTMLElement {
  const base = { action_id: element.action_id, block_id: blockId, type: element.type };
  switch (element.type) {
    case 'button':
      return h('button', { type: 'button', class: `bk-button ${element.style ?? ''}`, onclick: () => act({ ...base, value: element.value, text: element.text }) }, element.text?.text ?? '');
    case 'static_select':
    case 'overflow': {
      const options = (element.options ?? []).map(option);
      const initial = element.initial_option ? String(element.initial_option.value) : '';
      const placeholder = element.type === 'overflow' ? '⋯' : (element.placeholder?.text ?? 'Select');
      const select = h(
        'select',
        {
          class: 'bk-select',
          'aria-label': placeholder,
          onchange: (event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            if (value) act({ ...base, selected_option: { value, text: { type: 'plain_text', text: options.find((o: { value: string }) => o.value === value)?.label } } });
          },
        },
        h('option', { value: '', selected: !initial }, placeholder),
        ...options.map((o: { value: string; label: string }) => h('option', { value: o.value, selected: o.value === initial }, o.label)),
      );
      return select;
    }
    case 'multi_static_select': {
      const options = (element.options ?? []).map(option);
      const chosen = new Set((element.initial_options ?? []).map((o: Json) => String(o.value)));
      const label = element.placeholder?.text ?? 'Select';
      const boxes = options.map((o: { value: string; label: string }) =>
        h('label', {}, h('input', { type: 'checkbox', value: o.value, checked: chosen.has(o.value) }), ` ${o.label}`),
      );
      const menu = h('details', { class: 'bk-multi' }, h('summary', {}, chosen.size ? `${label}: ${[...chosen].join(', ')}` : label), h('div', { class: 'bk-multi-options' }, ...boxes));
      // Slack sends the choice when the menu closes.
      menu.addEventListener('toggle', () => {
        if ((menu as HTMLDetailsElement).open) return;
        const selected = boxes.map((b: HTMLElement) => b.querySelector('input')!).filter((i: HTMLInputElement) => i.checked).map((i: HTMLInputElement) => ({ value: i.value }));
        const before = [...chosen].sort().join(',');
        if (selected.map((s: { value: string }) => s.value).sort().join(',') !== before) act({ ...base, selected_options: selected });
      });
      return menu;
    }
    case 'image':
      return h('img', { class: 'bk-accessory-image', src: element.image_url, alt: element.alt_text ?? '' });
    default:
      return h('span', { class: 'bk-context' }, `[${String(element.type)}]`);
  }
}

/** A modal's input blocks as a form; `values()` gives them as Slack's `view.state.values`, `showErrors` puts errors under their fields. */
export function renderModalForm(view: Json, ctx: TextContext) {
  const inputs: Array<{ blockId: string; actionId: string; type: string; field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement; error: HTMLElement }> = [];
  const body = h('div', { class: 'modal-body' });
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input') {
      const rendered = renderBlock(block, ctx, () => undefined);
      if (rendered) body.append(rendered);
      continue;
    }
    const element = block.element ?? {};
    const id = `field-${block.block_id}`;
    const field =
      element.type === 'static_select'
        ? (h('select', { id }, h('option', { value: '' }, element.placeholder?.text ?? 'Select'), ...(element.options ?? []).map((o: Json) => h('option', { value: o.value }, o.text?.text ?? o.value))) as HTMLSelectElement)
        : element.multiline
          ? (h('textarea', { id, rows: 3, maxlength: element.max_length }) as HTMLTextAreaElement)
          : (h('input', { id, type: 'text', maxlength: element.max_length }) as HTMLInputElement);
    if (element.initial_value) field.value = element.initial_value;
    const error = h('div', { class: 'field-error', role: 'alert' });
    inputs.push({ blockId: block.block_id, actionId: element.action_id, type: element.type, field, error });
    body.append(
      h(
        'div',
        { class: 'modal-field' },
        h('label', { for: id }, block.label?.text ?? '', block.optional ? h('span', { class: 'optional' }, ' (optional)') : null),
        field,
        error,
        block.hint ? h('div', { class: 'hint' }, block.hint.text) : null,
      ),
    );
  }
  return {
    body,
    values(): Record<string, Record<string, unknown>> {
      return Object.fromEntries(
        inputs.map((i) => [
          i.blockId,
          { [i.actionId]: i.type === 'static_select' ? { type: i.type, selected_option: i.field.value ? { value: i.field.value } : null } : { type: i.type, value: i.field.value || null } },
        ]),
      );
    },
    showErrors(errors: Record<string, string>): void {
      for (const i of inputs) {
        i.error.textContent = errors[i.blockId] ?? '';
        i.field.setAttribute('aria-invalid', String(Boolean(errors[i.blockId])));
      }
      inputs.find((i) => errors[i.blockId])?.field.focus();
    },
  };
}
