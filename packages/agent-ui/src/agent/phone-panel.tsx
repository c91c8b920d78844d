import { useState } from 'preact/hooks';
import type { CallInfo } from '../softphone/softphone.js';
import type { AgentDesktop, DesktopState } from './agent-desktop.js';

function CallRow({ desktop, call, linked }: { desktop: AgentDesktop; call: CallInfo; linked: string | undefined }) {
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
        {call.state === 'ringing' && linked === undefined && <button type="button" class="go" onClick={() => desktop.answerCall(call.id)}>Answer</button>}
        {live && <button type="button" onClick={() => desktop.hold(call.id, call.state !== 'held')}>{call.state === 'held' ? 'Resume' : 'Hold'}</button>}
        {live && <button type="button" aria-pressed={call.muted} onClick={() => desktop.mute(call.id, !call.muted)}>{call.muted ? 'Unmute' : 'Mute'}</button>}
        <button type="button" class="stop" onClick={() => desktop.hangup(call.id)}>Hang up</button>
      </div>
      {live && (
        <form class="row" onSubmit={(e) => { e.preventDefault(); if (digits !== '') desktop.dtmf(call.id, digits); setDigits(''); }}>
          <label class="sr-only" for={`dtmf-${call.id}`}>Keypad digits</label>
          <input id={`dtmf-${call.id}`} inputMode="tel" pattern="[0-9*#]*" size={6} placeholder="DTMF" value={digits} onInput={(e) => setDigits(e.currentTarget.value)} />
          <button type="submit">Send tones</button>
        </form>
      )}
    </li>
  );
}

/** The softphone: its calls with their controls, and a number to dial. */
export function PhonePanel({ desktop, state }: { desktop: AgentDesktop; state: DesktopState }) {
  const [number, setNumber] = useState('');
  const calls = state.calls.filter((c) => c.state !== 'ended');
  return (
    <section class="card phone" aria-labelledby="phone-title">
      <h2 id="phone-title">Phone</h2>
      <p class="muted small">{state.registration === 'registered' ? 'Registered' : state.registration}{state.registrationCause !== undefined ? ` — ${state.registrationCause}` : ''}</p>
      {state.registration === 'failed' && state.softphoneKind === 'jssip' && (
        <p class="small">No PBX? <a href="/ui/agent/?softphone=fake">Use the demo phone</a> (the page plays the PBX).</p>
      )}
      <ul class="plain">{calls.map((c) => <CallRow key={c.id} desktop={desktop} call={c} linked={state.links[c.id]} />)}</ul>
      <form class="row" onSubmit={(e) => { e.preventDefault(); if (number.trim() !== '') desktop.dial(number); setNumber(''); }}>
        <label class="sr-only" for="dial-number">Number to call</label>
        <input id="dial-number" type="tel" placeholder="+7 812 …" value={number} onInput={(e) => setNumber(e.currentTarget.value)} disabled={state.registration !== 'registered'} />
        <button type="submit" disabled={state.registration !== 'registered'}>Call</button>
      </form>
    </section>
  );
}
