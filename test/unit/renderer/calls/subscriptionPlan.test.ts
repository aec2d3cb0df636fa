import { describe, expect, it } from 'vitest';
import type { MediaSource } from '../../../../src/shared/call/index.ts';
import {
  DEFAULT_PLAN_OPTIONS,
  speakerMemory,
  subscriptionPlan,
  type PlanProducer,
  type VisibleTile,
} from '../../../../src/renderer/calls/subscriptionPlan.ts';

/** Peers p0…p(n-1), each with a microphone and a camera (producer ids `p3:camera`). */
function peers(n: number, sources: MediaSource[] = ['microphone', 'camera']): PlanProducer[] {
  return Array.from({ length: n }, (_, i) =>
    sources.map((source) => ({ producerId: `p${i}:${source}`, peerId: `p${i}`, source })),
  ).flat();
}

const cam = (peerId: string, width: number): VisibleTile => ({ peerId, source: 'camera', width });

describe('subscription plan', () => {
  it('receives everything until the call screen says what it shows', () => {
    const plan = subscriptionPlan({ producers: peers(3, ['microphone', 'camera', 'screen']), visible: null, speakers: [] });
    expect([...plan.values()].every((d) => !d.paused)).toBe(true);
  });

  it('receives the cameras of visible tiles at the layer their width needs, and pauses the others', () => {
    const plan = subscriptionPlan({
      producers: peers(4),
      visible: [cam('p0', 800), cam('p1', 400), cam('p2', 200)],
      speakers: [],
    });
    expect(plan.get('p0:camera')).toEqual({ paused: false, spatialLayer: 2 });
    expect(plan.get('p1:camera')).toEqual({ paused: false, spatialLayer: 1 });
    expect(plan.get('p2:camera')).toEqual({ paused: false, spatialLayer: 0 });
    expect(plan.get('p3:camera')).toEqual({ paused: true });
  });

  it('keeps the last-N speakers at the smallest layer when they are off the page, not the speaker before them', () => {
    const speakers = ['p5', 'p6', 'p7', 'p8', 'p9'];
    const plan = subscriptionPlan({ producers: peers(10), visible: [cam('p0', 800)], speakers });
    for (const id of ['p5', 'p6', 'p7', 'p8']) expect(plan.get(`${id}:camera`)).toEqual({ paused: false, spatialLayer: 0 });
    expect(plan.get('p9:camera')).toEqual({ paused: true });
    expect(DEFAULT_PLAN_OPTIONS.lastN).toBe(4);
  });

  it('gives a visible speaker the layer of its tile, not the off-page one', () => {
    const plan = subscriptionPlan({ producers: peers(2), visible: [cam('p1', 1000)], speakers: ['p1'] });
    expect(plan.get('p1:camera')).toEqual({ paused: false, spatialLayer: 2 });
  });

  it('receives a screen only while shown, whoever is speaking', () => {
    const producers = peers(2, ['camera', 'screen']);
    const shown = subscriptionPlan({ producers, visible: [{ peerId: 'p0', source: 'screen', width: 1200 }], speakers: ['p1'] });
    expect(shown.get('p0:screen')).toEqual({ paused: false });
    expect(shown.get('p1:screen')).toEqual({ paused: true });
  });

  it('hears everyone up to 20 people, then only the last 6 speakers', () => {
    const speakers = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    const small = subscriptionPlan({ producers: peers(20), visible: [], speakers });
    expect([...small].filter(([id, d]) => id.endsWith(':microphone') && !d.paused)).toHaveLength(20);
    const large = subscriptionPlan({ producers: peers(21), visible: [], speakers });
    const heard = [...large].filter(([id, d]) => id.endsWith(':microphone') && !d.paused).map(([id]) => id);
    expect(heard).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((p) => `${p}:microphone`));
  });

  it('never receives screen audio, which is not played', () => {
    const plan = subscriptionPlan({ producers: peers(1, ['screen-audio']), visible: null, speakers: ['p0'] });
    expect(plan.get('p0:screen-audio')).toEqual({ paused: true });
  });

  it('in a 150-person call on a 9-tile page, receives 9 cameras plus the speakers off the page', () => {
    const visible = Array.from({ length: 9 }, (_, i) => cam(`p${i}`, 300));
    const plan = subscriptionPlan({ producers: peers(150), visible, speakers: ['p0', 'p40', 'p80'] });
    const videos = [...plan].filter(([id, d]) => id.endsWith(':camera') && !d.paused);
    expect(videos).toHaveLength(11);
    expect([...plan].filter(([id, d]) => id.endsWith(':microphone') && !d.paused)).toHaveLength(3);
  });

  it("follows the SFU operator's sizes: one last speaker's video, audio from the two most recent speakers past two microphones", () => {
    const options = { lastN: 1, audioAllUpTo: 2, loudestK: 2 };
    const plan = subscriptionPlan({ producers: peers(5), visible: [cam('p0', 800)], speakers: ['p3', 'p4', 'p1'], options });
    expect(plan.get('p3:camera')).toEqual({ paused: false, spatialLayer: 0 });
    expect(plan.get('p4:camera')).toEqual({ paused: true });
    expect(['p0', 'p1', 'p2', 'p3', 'p4'].filter((id) => !plan.get(`${id}:microphone`)?.paused)).toEqual(['p3', 'p4']);
    expect(speakerMemory(options)).toBe(2);
    expect(speakerMemory(DEFAULT_PLAN_OPTIONS)).toBe(6);
  });
});
