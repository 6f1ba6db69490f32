// The satisfaction survey of a finished visit: CSAT 1–5, NPS 0–10 and a comment, once per visit.
import {api, ApiError} from '../api.js';
import {h, mount} from '../dom.js';
import {t} from '../i18n.js';

function scale(name, from, to) {
  return h('div', {class: `scale ${name}`}, Array.from({length: to - from + 1}, (_, i) => from + i).map((value) =>
    h('label', {class: 'choice'}, h('input', {type: 'radio', name, value: String(value), required: true}), String(value))));
}

export async function surveyView(view, claims, ticketId) {
  const path = `/api/v1/tickets/${encodeURIComponent(ticketId)}/survey`;
  const result = h('p', {id: 'survey-result', class: 'message', hidden: true});
  const show = (text, kind) => {
    result.textContent = text;
    result.className = `message ${kind}`;
    result.hidden = false;
  };

  // Answered already? Then say so instead of offering the form.
  try {
    const answer = await api.get(path);
    mount(view, h('h1', {}, t('survey.title')), h('p', {id: 'survey-result', class: 'message ok'},
      t('survey.already'), ' ', t('survey.yourAnswer', {csat: answer.csat, nps: answer.nps})));
    return;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }

  const comment = h('textarea', {name: 'comment', rows: 3, maxlength: 2000});
  const form = h('form', {class: 'card survey', id: 'survey-form', onsubmit: async (event) => {
    event.preventDefault();
    const csat = form.querySelector('input[name=csat]:checked');
    const nps = form.querySelector('input[name=nps]:checked');
    if (!csat || !nps) {
      show(t('survey.choose'), 'error');
      return;
    }
    const body = {csat: Number(csat.value), nps: Number(nps.value)};
    if (comment.value.trim()) body.comment = comment.value.trim();
    try {
      await api.post(path, body);
      form.remove();
      show(t('survey.thanks'), 'ok');
    } catch (e) {
      const conflict = e instanceof ApiError && e.status === 409;
      show(conflict ? (/already/i.test(e.message) ? t('survey.already') : t('survey.notYet'))
        : e instanceof ApiError && e.status === 404 ? t('survey.notFound') : t('error.generic', {detail: e.message}),
      conflict ? 'ok' : 'error');
    }
  }},
  h('fieldset', {}, h('legend', {}, t('survey.csat')), scale('csat', 1, 5)),
  h('fieldset', {}, h('legend', {}, t('survey.nps')), scale('nps', 0, 10)),
  h('label', {}, t('survey.comment'), comment),
  h('button', {type: 'submit', id: 'survey-submit'}, t('survey.submit')));
  mount(view, h('p', {}, h('a', {href: '#/my'}, `← ${t('back')}`)), h('h1', {}, t('survey.title')), form, result);
}
