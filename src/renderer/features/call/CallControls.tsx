// The call's buttons and device choice. Buttons say what they will do ("Mute microphone", then
// "Unmute microphone"), which screen readers announce without an extra pressed state.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/PlatformContext.ts';
import type { CallSnapshot } from '../../calls/engine.ts';
import type { ScreenSource } from '../../platform/Platform.ts';
import type { CallSession, DeviceState } from './callSession.ts';
import { useCall } from './CallProvider.tsx';
import { ScreenSourcePicker } from './ScreenSourcePicker.tsx';

function useDevices(session: CallSession): DeviceState {
  const [devices, setDevices] = useState<DeviceState>({ microphones: [], cameras: [], microphoneId: null, cameraId: null });
  useEffect(() => session.subscribeDevices(setDevices), [session]);
  return devices;
}

export function CallControls({ session, snapshot }: { session: CallSession; snapshot: CallSnapshot }) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const call = useCall();
  const devices = useDevices(session);
  const micId = useId();
  const camId = useId();
  const [sources, setSources] = useState<ScreenSource[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const capture = async (stream: Promise<MediaStream>) => {
    try {
      await session.shareScreen(await stream);
    } catch {
      setProblem(t('call.screenShareFailed'));
    }
  };
  const share = async () => {
    setProblem(null);
    if (snapshot.sharing) return session.engine.sender.stopScreenShare();
    // Electron has no picker of its own: offer ours, then main hands the chosen source over.
    const offered = await platform.screenSources().catch(() => null);
    if (offered === null) return capture(navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }));
    setSources(offered);
  };

  return (
    <div className="call-controls">
      <button type="button" className="button button-secondary" onClick={() => void session.toggleMicrophone()}>
        {snapshot.micOn ? t('call.mute') : t('call.unmute')}
      </button>
      <button type="button" className="button button-secondary" onClick={() => void session.toggleCamera()}>
        {snapshot.camOn ? t('call.cameraOff') : t('call.cameraOn')}
      </button>
      <button type="button" className="button button-secondary" onClick={() => void share()}>
        {snapshot.sharing ? t('call.stopSharing') : t('call.shareScreen')}
      </button>
      <button type="button" className="button button-danger" onClick={() => void call.leave()}>
        {t('call.leave')}
      </button>
      <div className="call-devices">
        <label htmlFor={micId} className="call-device">
          {t('call.microphone')}
          <select
            id={micId}
            value={devices.microphoneId ?? ''}
            onChange={(e) => void session.chooseMicrophone(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">{t('call.systemDefault')}</option>
            {devices.microphones.map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={camId} className="call-device">
          {t('call.camera')}
          <select
            id={camId}
            value={devices.cameraId ?? ''}
            onChange={(e) => void session.chooseCamera(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">{t('call.systemDefault')}</option>
            {devices.cameras.map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem ? (
        <p role="alert" className="call-error small">
          {problem}
        </p>
      ) : null}
      <ScreenSourcePicker
        sources={sources}
        onCancel={() => {
          setSources(null);
          void platform.chooseScreenSource(null);
        }}
        onChoose={(id) => {
          setSources(null);
          void platform.chooseScreenSource(id).then((chosen) => {
            if (chosen) void capture(navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }));
            else setProblem(t('call.screenShareFailed'));
          });
        }}
      />
    </div>
  );
}
