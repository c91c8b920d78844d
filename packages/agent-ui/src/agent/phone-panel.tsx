import { useState } from 'preact/hooks';
import type { CallInfo } from '../softphone/softphone.js';
import type { DeskPhone } from './desk-phone.js';
import type { DesktopState } from './agent-desktop.js';

/**
 * Transfer controls of a live call: a target (an agent such as `agent07`, a SIP address or a
 * number), then either a blind transfer, or a consultation first — the caller waits on hold
 * while the agent talks to the target, then "Complete transfer" hands the caller over.
 */
function TransferForm({ phone, call, consulting }: { phone: DeskPhone; call: CallInfo; consulting: boolean }) {
  const [target, setTarget] = useState('');
  const id = `transfer-${call.id}`;
  if (consulting) {
    return (
      <div class="row">
        <button type="button" class="go" onClick={() => phone.completeTransfer(call.id)}>Complete transfer</button>
      </div>
    );
  }
  const go = (f: (t: string) => void) => () => { if (target.trim() !== '') { f(target); setTarget(''); } };
  return (
    <form class="row wrap" onSubmit={(e) => { e.preventDefault(); go((t) => phone.transfer(call.id, t))(); }}>
      <label class="sr-only" for={id}>Transfer to (agent, SIP address or number)</label>
      <input id={id} size={10} placeholder="Transfer to…" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
      <button type="submit">Transfer</button>
      <button type="button" onClick={go((t) => phone.consult(call.id, t))}>Consult</button>
    </form>
  );
}

function CallRow({ phone, call, linked, consulting }: { phone: DeskPhone; call: CallInfo; linked: string | undefined; consulting: boolean }) {
  const [digits, setDigits] = useState('');
  const live = call.state === 'active' || call.state === 'held';
  return (
    <li class="call" data-testid="call">
      <div>
        <strong>{call.direction === 'incoming' ? 'From' : 'To'} {call.remote}</strong>
        <span class={`pill call-${call.state}`}>{call.state}{call.muted ? ', muted' : ''}</span>
      </div>
      {linked !== undefined && <div class="muted small">contact {linked}</div>}
      <div class="row wrap">
        {call.state === 'ringing' && linked === undefined && <button type="button" class="go" onClick={() => phone.answerCall(call.id)}>Answer</button>}
        {live && <button type="button" onClick={() => phone.hold(call.id, call.state !== 'held')}>{call.state === 'held' ? 'Resume' : 'Hold'}</button>}
        {live && <button type="button" aria-pressed={call.muted} onClick={() => phone.mute(call.id, !call.muted)}>{call.muted ? 'Unmute' : 'Mute'}</button>}
        <button type="button" class="stop" onClick={() => phone.hangup(call.id)}>Hang up</button>
      </div>
      {live && (
        <form class="row" onSubmit={(e) => { e.preventDefault(); if (digits !== '') phone.dtmf(call.id, digits); setDigits(''); }}>
          <label class="sr-only" for={`dtmf-${call.id}`}>Keypad digits</label>
          <input id={`dtmf-${call.id}`} inputMode="tel" pattern="[0-9*#]*" size={6} placeholder="DTMF" value={digits} onInput={(e) => setDigits(e.currentTarget.value)} />
          <button type="submit">Send tones</button>
        </form>
      )}
      {live && <TransferForm phone={phone} call={call} consulting={consulting} />}
    </li>
  );
}

/** The softphone: its calls with their controls (hold, mute, tones, transfers), and a number to dial. */
export function PhonePanel({ phone, state }: { phone: DeskPhone; state: DesktopState }) {
  const [number, setNumber] = useState('');
  const calls = state.calls.filter((c) => c.state !== 'ended');
  return (
    <section class="card phone" aria-labelledby="phone-title">
      <h2 id="phone-title">Phone</h2>
      <p class="muted small">{state.registration === 'registered' ? 'Registered' : state.registration}{state.registrationCause !== undefined ? ` — ${state.registrationCause}` : ''}</p>
      {state.registration === 'failed' && state.softphoneKind === 'jssip' && (
        <p class="small">No PBX? <a href="/ui/agent/?softphone=fake">Use the demo phone</a> (the page plays the PBX).</p>
      )}
      <ul class="plain">
        {calls.map((c) => <CallRow key={c.id} phone={phone} call={c} linked={state.links[c.id]} consulting={state.consultations[c.id] !== undefined} />)}
      </ul>
      <form class="row" onSubmit={(e) => { e.preventDefault(); if (number.trim() !== '') phone.dial(number); setNumber(''); }}>
        <label class="sr-only" for="dial-number">Number to call</label>
        <input id="dial-number" type="tel" placeholder="+7 812 …" value={number} onInput={(e) => setNumber(e.currentTarget.value)} disabled={state.registration !== 'registered'} />
        <button type="submit" disabled={state.registration !== 'registered'}>Call</button>
      </form>
    </section>
  );
}
