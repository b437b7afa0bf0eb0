import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { bearer, login } from './support/http.js';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A customer's messy spreadsheet: title rows, Georgian headers, numbers in every common form, bad rows. */
async function customerWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('კლიენტები');
  sheet.addRow(['კლიენტების სია']);
  sheet.addRow([]);
  sheet.addRow(['ტელეფონი', 'სახელი', 'გვარი', 'ქალაქი']);
  sheet.addRow([599123456, 'ნინო', 'ბერიძე', 'თბილისი']); // row 4: an Excel number
  sheet.addRow(['0599 12 34 57', 'გიორგი', 'მაისურაძე', 'ბათუმი']); // row 5
  sheet.addRow(['+995 555 00 11 22', 'Ana', 'Kapanadze', 'Kutaisi']); // row 6
  sheet.addRow(['00995577112233', 'ლევანი', '', '']); // row 7
  sheet.addRow(['12345', 'Bad', 'Number', '']); // row 8: invalid
  sheet.addRow(['0322 12 34 56', 'Land', 'Line', '']); // row 9: landline, invalid for SMS
  sheet.addRow(['599-12-34-56', '', '', 'თბილისი']); // row 10: duplicate of row 4
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('contacts, groups, import and export, stop list, templates and drafts', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let owner: string;
  let groupId: string;
  let importId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
    owner = await login(app, DEMO.email, DEMO.password);
  });
  afterAll(() => platform?.destroy());

  it('imports a spreadsheet with a header on row 3 into a group, reporting bad rows by row number', async () => {
    groupId = (await http().post('/v1/groups').set('Cookie', owner).send({ name: 'კლიენტები' }).expect(201)).body.id;
    const preview = await http()
      .post('/v1/imports?fileName=clients.xlsx')
      .set('Cookie', owner)
      .set('Content-Type', XLSX)
      .send(await customerWorkbook())
      .expect(201);
    importId = preview.body.id;
    expect(preview.body).toMatchObject({
      kind: 'xlsx',
      headerRow: 3,
      headers: ['ტელეფონი', 'სახელი', 'გვარი', 'ქალაქი'],
    });
    expect(preview.body.mapping).toMatchObject({ '0': 'phone', '1': 'first_name', '2': 'last_name' });

    await http()
      .post(`/v1/imports/${importId}/start`)
      .set('Cookie', owner)
      .send({ headerRow: preview.body.headerRow, mapping: preview.body.mapping, groupId })
      .expect(201);
    const done = await eventually(async () => {
      const res = await http().get(`/v1/imports/${importId}`).set('Cookie', owner).expect(200);
      return res.body.status === 'completed' ? res.body : undefined;
    });
    expect(done.counts).toEqual({ rowsRead: 7, imported: 4, updated: 0, duplicates: 1, invalid: 2 });

    const report = await http()
      .get(`/v1/imports/${importId}/errors.xlsx`)
      .set('Cookie', owner)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.body as never);
    const rows: number[] = [];
    workbook.worksheets[0]?.eachRow((row, n) => {
      if (n > 1) rows.push(Number(row.getCell(1).value));
    });
    expect(rows).toEqual([8, 9]);
  });

  it('stores numbers as E.164 with Georgian names intact, merging the duplicate row', async () => {
    const res = await http().get(`/v1/contacts?groupId=${groupId}&sort=phone`).set('Cookie', owner).expect(200);
    expect(res.body.total).toBe(4);
    const nino = res.body.items.find((c: { phone: string }) => c.phone === '+995599123456');
    expect(nino).toMatchObject({
      firstName: 'ნინო',
      lastName: 'ბერიძე',
      fields: { ქალაქი: 'თბილისი' },
      groupIds: [groupId],
    });
    const groups = await http().get('/v1/groups').set('Cookie', owner).expect(200);
    expect(groups.body.items).toEqual([expect.objectContaining({ id: groupId, memberCount: 4 })]);
  });

  it('re-importing the same file changes nothing', async () => {
    const again = await http()
      .post('/v1/imports?fileName=clients.xlsx')
      .set('Cookie', owner)
      .set('Content-Type', XLSX)
      .send(await customerWorkbook())
      .expect(201);
    await http()
      .post(`/v1/imports/${again.body.id}/start`)
      .set('Cookie', owner)
      .send({ headerRow: 3, mapping: again.body.mapping, groupId })
      .expect(201);
    const done = await eventually(async () => {
      const res = await http().get(`/v1/imports/${again.body.id}`).set('Cookie', owner);
      return res.body.status === 'completed' ? res.body : undefined;
    });
    expect(done.counts).toMatchObject({ imported: 0, updated: 0, invalid: 2 });
    expect((await http().get('/v1/contacts').set('Cookie', owner)).body.total).toBe(4);
  });

  it('refuses files that are not spreadsheets with a clear code', async () => {
    const res = await http()
      .post('/v1/imports?fileName=photo.png')
      .set('Cookie', owner)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]))
      .expect(422);
    expect(res.body.code).toMatch(/^import\//);
  });

  it('searches by number fragment and by name, and pages', async () => {
    const byDigits = await http().get('/v1/contacts?search=1234').set('Cookie', owner).expect(200);
    expect(byDigits.body.items.map((c: { phone: string }) => c.phone).sort()).toEqual([
      '+995599123456',
      '+995599123457',
    ]);
    const byName = await http()
      .get(`/v1/contacts?search=${encodeURIComponent('მაისურ')}`)
      .set('Cookie', owner)
      .expect(200);
    expect(byName.body.items.map((c: { firstName: string }) => c.firstName)).toEqual(['გიორგი']);
    const fullName = await http()
      .get(`/v1/contacts?search=${encodeURIComponent('ნინო ბერიძე')}`)
      .set('Cookie', owner)
      .expect(200);
    expect(fullName.body.items.map((c: { phone: string }) => c.phone)).toEqual(['+995599123456']);
    const page = await http().get('/v1/contacts?limit=3&offset=3&sort=phone').set('Cookie', owner).expect(200);
    expect(page.body).toMatchObject({ total: 4 });
    expect(page.body.items).toHaveLength(1);
  });

  it('bulk actions work on a whole search result', async () => {
    const vip = (await http().post('/v1/groups').set('Cookie', owner).send({ name: 'VIP' }).expect(201)).body.id;
    const added = await http()
      .post('/v1/contacts/bulk')
      .set('Cookie', owner)
      .send({ action: 'add_to_group', groupId: vip, query: { search: '599' } })
      .expect(200);
    expect(added.body.affected).toBe(2);
    const members = await http().get(`/v1/contacts?groupId=${vip}`).set('Cookie', owner).expect(200);
    expect(members.body.total).toBe(2);
  });

  it('exports contacts to an .xlsx that carries the Georgian text', async () => {
    const res = await http()
      .get(`/v1/contacts/export.xlsx?groupId=${groupId}`)
      .set('Cookie', owner)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const text = JSON.stringify(workbook.worksheets[0]?.getSheetValues());
    expect(text).toContain('ნინო');
    expect(text).toContain('+995599123456');
  });

  it('a stopped number is not messaged unless the message is urgent; removal needs a reason', async () => {
    await http()
      .post('/v1/stop-list')
      .set('Cookie', owner)
      .send({ phone: '599 12 34 57', reason: 'asked by phone' })
      .expect(204);
    const refused = await http()
      .post('/v1/messages')
      .set(bearer(platform.apiKey))
      .send({ to: '599123457', sender: DEMO.sender, text: 'sale!' })
      .expect(422);
    expect(refused.body.code).toBe('contacts/stopped');
    await http()
      .post('/v1/messages')
      .set(bearer(platform.apiKey))
      .send({ to: '599123457', sender: DEMO.sender, text: 'code 1234', urgent: true })
      .expect(201);
    const contact = (await http().get('/v1/contacts?search=123457').set('Cookie', owner)).body.items[0];
    expect(contact.stopped).toBe(true);
    await http().delete('/v1/stop-list/+995599123457').set('Cookie', owner).send({}).expect(400);
    await http()
      .delete('/v1/stop-list/+995599123457')
      .set('Cookie', owner)
      .send({ reason: 'gave consent again in writing' })
      .expect(204);
    await http()
      .post('/v1/messages')
      .set(bearer(platform.apiKey))
      .send({ to: '599123457', sender: DEMO.sender, text: 'welcome back' })
      .expect(201);
  });

  it('templates fill contact fields, and say which are missing', async () => {
    const template = await http()
      .post('/v1/templates')
      .set('Cookie', owner)
      .send({ name: 'მისალმება', body: 'გამარჯობა {first_name} {last_name}! {ქალაქი}' })
      .expect(201);
    const contacts = (await http().get('/v1/contacts?sort=phone').set('Cookie', owner)).body.items;
    const levani = contacts.find((c: { firstName: string }) => c.firstName === 'ლევანი');
    const preview = await http()
      .post(`/v1/templates/${template.body.id}/preview`)
      .set('Cookie', owner)
      .send({ contactId: levani.id, fallback: 'მეგობარო' })
      .expect(200);
    expect(preview.body).toMatchObject({
      text: 'გამარჯობა ლევანი მეგობარო! მეგობარო',
      missing: ['last_name', 'ქალაქი'],
      skipped: false,
    });
    expect(preview.body.analysis).toMatchObject({ encoding: 'ucs2', parts: 1 });
    const skip = await http()
      .post(`/v1/templates/${template.body.id}/preview`)
      .set('Cookie', owner)
      .send({ contactId: levani.id, missing: 'skip' })
      .expect(200);
    expect(skip.body.skipped).toBe(true);
  });

  it('drafts are saved while composing, listed and deleted', async () => {
    const draft = await http()
      .post('/v1/drafts')
      .set('Cookie', owner)
      .send({ text: 'გამა', sender: DEMO.sender })
      .expect(201);
    await http()
      .put(`/v1/drafts/${draft.body.id}`)
      .set('Cookie', owner)
      .send({ text: 'გამარჯობა', sender: DEMO.sender })
      .expect(200);
    const list = await http().get('/v1/drafts').set('Cookie', owner).expect(200);
    expect(list.body.items[0].content.text).toBe('გამარჯობა');
    await http().delete(`/v1/drafts/${draft.body.id}`).set('Cookie', owner).expect(204);
    expect((await http().get('/v1/drafts').set('Cookie', owner)).body.items).toHaveLength(0);
  });
});
