import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RequestReceivedPage } from './request-received-page';

describe('RequestReceivedPage', () => {
  async function render(reference: string | undefined) {
    await TestBed.configureTestingModule({ imports: [RequestReceivedPage], providers: [provideZonelessChangeDetection()] }).compileComponents();
    const fixture = TestBed.createComponent(RequestReceivedPage);
    fixture.componentRef.setInput('reference', reference);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('thanks the patient, shows the reference and what to do in an emergency', async () => {
    const page = await render('CB-7K3QX');
    expect(page.textContent).toContain('CB-7K3QX');
    expect(page.textContent).toContain('call you back');
    expect(page.textContent).toContain('Call 999 or go to A&E now');
  });

  it('does not echo anything that is not a reference', async () => {
    const page = await render('<b>hello</b>');
    expect(page.textContent).not.toContain('hello');
    expect(page.textContent).toContain('Thank you');
  });
});
