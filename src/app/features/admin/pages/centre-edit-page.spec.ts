import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MockStore } from '@ngrx/store/testing';
import { firstValueFrom } from 'rxjs';
import { adminState, RIVERSIDE } from '../testing/fixtures';
import { adminTestProviders } from '../testing/providers';
import { CentreEditPageActions } from '../state/centres.actions';
import { type CentreEditorState, initialEditorState } from '../state/centres.feature';
import { CentreEditPage } from './centre-edit-page';

describe('CentreEditPage', () => {
  async function setUp(id: string | undefined, editor: CentreEditorState = { ...initialEditorState, status: 'ready', original: RIVERSIDE }) {
    TestBed.configureTestingModule({ providers: adminTestProviders(adminState({ centres: { editor } })) });
    const store = TestBed.inject(MockStore);
    const dispatch = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(CentreEditPage);
    if (id) fixture.componentRef.setInput('id', id);
    await fixture.whenStable();
    return { fixture, dispatch, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('opens the centre from the address and saves with its version', async () => {
    const { dispatch, loader } = await setUp(RIVERSIDE.id);
    expect(dispatch).toHaveBeenCalledWith(CentreEditPageActions.opened({ id: RIVERSIDE.id }));
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=phone]' }))).setValue('01235 000 111');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save centre' }))).click();
    const { version: _version, id: _id, ...input } = RIVERSIDE;
    expect(dispatch).toHaveBeenCalledWith(CentreEditPageActions.updateSubmitted({ id: RIVERSIDE.id, version: 3, input: { ...input, phone: '01235 000 111' } }));
  });

  it('saves on top of the fresh copy after a 412', async () => {
    const { dispatch, loader } = await setUp(RIVERSIDE.id, { ...initialEditorState, status: 'ready', original: RIVERSIDE, latest: { ...RIVERSIDE, version: 9 } });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save centre' }))).click();
    expect(dispatch).toHaveBeenCalledWith(jasmine.objectContaining({ type: CentreEditPageActions.updateSubmitted.type, version: 9 }));
  });

  it('adds a new centre with UK defaults', async () => {
    const { dispatch, loader } = await setUp(undefined, { ...initialEditorState, status: 'ready' });
    expect(dispatch).toHaveBeenCalledWith(CentreEditPageActions.opened({ id: null }));
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=name]' }))).setValue('Harbour Centre');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=address]' }))).setValue('1 Quay Street, Bristol');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=phone]' }))).setValue('0117 000 000');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add centre' }))).click();
    const action = dispatch.calls.mostRecent().args[0] as unknown as ReturnType<typeof CentreEditPageActions.createSubmitted>;
    expect(action.type).toBe(CentreEditPageActions.createSubmitted.type);
    expect(action.input).toEqual(jasmine.objectContaining({ name: 'Harbour Centre', timeZone: 'Europe/London', email: '', active: true }));
  });

  it('lets the user leave freely when nothing was typed', async () => {
    const { fixture } = await setUp(RIVERSIDE.id);
    expect(await firstValueFrom(fixture.componentInstance.canLeave())).toBeTrue();
  });
});
