// Building the page from data without innerHTML, so text from the API is never read as markup.

/** An element: h('div', {class: 'card', onclick: fn}, 'text', child, [more children]). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** An SVG element, with the same conventions as h(). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of {@code element}. */
export function mount(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A short message in the corner that goes away by itself. */
export function toast(text, kind = 'info') {
  const box = document.getElementById('toasts');
  const item = h('div', {class: `toast ${kind}`}, text);
  box.append(item);
  setTimeout(() => item.remove(), 6000);
}
