import type { IvrDefinition } from './ivr-definition.js';

const t = (ru: string, en: string) => ({ text: { ru, en } });

/**
 * The demo IVR `npm start` serves: business hours (07:00–02:00 Moscow time, as in the
 * mission), a language choice, a main menu (sales, lost ticket, billing with an account
 * number and an overdue check that sends debtors to the credit controllers, complaints,
 * "press 9 for a callback", 0 for an operator), speech keywords beside the keys, and retries.
 */
export const DEMO_IVR: IvrDefinition = {
  id: 'demo-main',
  start: 'hours',
  language: 'ru',
  nodes: {
    hours: { type: 'hours', timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], from: '07:00', to: '02:00', holidays: ['2026-01-01'], open: 'language', closed: 'closed' },
    closed: {
      type: 'menu', prompt: t('Мы работаем с 7:00 до 2:00. Нажмите 9, и мы перезвоним.', 'We are open from 7:00 to 2:00. Press 9 and we will call you back.'),
      options: [{ key: '9', next: 'callback', keywords: ['callback', 'перезвоните'] }], maxRetries: 1, onFail: 'goodbye',
    },
    language: {
      type: 'menu', prompt: { text: 'Для русского языка нажмите 1. For English, press 2.' }, timeoutSeconds: 4, maxRetries: 0,
      options: [{ key: '1', next: 'main', language: 'ru', keywords: ['русский'] }, { key: '2', next: 'main', language: 'en', keywords: ['english'] }],
      onFail: 'main',
    },
    main: {
      type: 'menu', prompt: t('Покупка — 1. Потерянный билет — 2. Счета и оплата — 3. Жалоба — 4. Обратный звонок — 9. Оператор — 0.', 'Sales, press 1. Lost ticket, 2. Billing, 3. Complaints, 4. To be called back, 9. An operator, 0.'),
      invalidPrompt: t('Такой клавиши нет.', 'That key is not in the menu.'), noInputPrompt: t('Мы вас не услышали.', 'We did not hear you.'),
      maxRetries: 2, timeoutSeconds: 6, onFail: 'operator',
      options: [
        { key: '1', next: 'sales', keywords: ['buy', 'sales', 'купить'], set: { topic: 'sales' } },
        { key: '2', next: 'lostTicket', keywords: ['ticket', 'билет'] },
        { key: '3', next: 'account', keywords: ['bill', 'invoice', 'счёт', 'оплата'] },
        { key: '4', next: 'complaint', keywords: ['complaint', 'жалоба'] },
        { key: '9', next: 'callback', keywords: ['callback', 'перезвоните'] },
        { key: '0', next: 'operator', keywords: ['operator', 'оператор'] },
      ],
    },
    account: {
      type: 'collect', field: 'account', kind: 'digits', minLength: 6, maxLength: 10,
      prompt: t('Введите номер счёта и нажмите решётку.', 'Enter your account number, then press hash.'),
      invalidPrompt: t('Номер счёта — от 6 до 10 цифр.', 'An account number has 6 to 10 digits.'),
      maxRetries: 2, timeoutSeconds: 10, next: 'overdue', onFail: 'billing',
    },
    overdue: { type: 'lookup', function: 'accountOverdue', input: 'account', saveAs: 'overdue', branches: { yes: 'collections', no: 'billing' }, default: 'billing' },
    sales: { type: 'route', queueId: 'sales', reason: 'sales', prompt: t('Соединяем с отделом продаж.', 'Connecting you to sales.') },
    lostTicket: { type: 'route', queueId: 'support', reason: 'lost-ticket', requiredSkills: ['support'], prompt: t('Соединяем со службой поддержки.', 'Connecting you to support.') },
    billing: { type: 'route', queueId: 'support', reason: 'billing', prompt: t('Соединяем с отделом расчётов.', 'Connecting you to billing.') },
    collections: { type: 'route', queueId: 'collections', reason: 'collections', prompt: t('Соединяем со специалистом по расчётам.', 'Connecting you to a credit controller.') },
    complaint: { type: 'route', queueId: 'support', reason: 'complaint', prompt: t('Нам жаль. Соединяем со специалистом.', 'We are sorry. Connecting you to a specialist.') },
    operator: { type: 'route', queueId: 'support', reason: 'general' },
    callback: { type: 'callback', queueId: 'support', reason: 'callback', prompt: t('Мы перезвоним вам. До свидания.', 'We will call you back. Goodbye.') },
    goodbye: { type: 'end', prompt: t('До свидания.', 'Goodbye.') },
  },
};
