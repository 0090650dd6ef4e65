import { applyFlow, varianceFlow } from './stock-rules';

describe('stock rules', () => {
  const tank = { holderId: 'tank', gallons: '100.00', capacityGallons: '1000.00' };
  const truck = { holderId: 'truck', gallons: '450.50', capacityGallons: '500.0' };

  it('moves exact gallons from one holder to another', () => {
    const verdict = applyFlow({ fromHolderId: 'tank', toHolderId: 'truck', gallons: '49.50' }, [tank, truck]);
    expect(verdict).toEqual({
      ok: true,
      after: new Map([
        ['tank', '50.50'],
        ['truck', '500.00'],
      ]),
    });
  });

  it('refuses to take more than the source holds', () => {
    expect(applyFlow({ fromHolderId: 'tank', toHolderId: null, gallons: '100.01' }, [tank])).toEqual({
      ok: false,
      reason: 'insufficient',
      holderId: 'tank',
      available: '100.00',
    });
    expect(applyFlow({ fromHolderId: 'tank', toHolderId: null, gallons: '100.00' }, [tank])).toMatchObject({
      ok: true,
    });
  });

  it('refuses to fill past the capacity, saying how much room is left', () => {
    expect(applyFlow({ fromHolderId: null, toHolderId: 'truck', gallons: '50.00' }, [truck])).toEqual({
      ok: false,
      reason: 'capacity',
      holderId: 'truck',
      room: '49.50',
    });
    const open = { ...truck, capacityGallons: null };
    expect(applyFlow({ fromHolderId: null, toHolderId: 'truck', gallons: '5000' }, [open])).toMatchObject({ ok: true });
  });

  it('books a stick reading as a gain or a loss', () => {
    expect(varianceFlow('tank', '1000.00', '990.25')).toEqual({
      fromHolderId: 'tank',
      toHolderId: null,
      gallons: '9.75',
      variance: '-9.75',
    });
    expect(varianceFlow('tank', '1000.00', '1000.10')).toEqual({
      fromHolderId: null,
      toHolderId: 'tank',
      gallons: '0.10',
      variance: '0.10',
    });
    expect(varianceFlow('tank', '5.00', '5')).toBeNull();
  });
});
