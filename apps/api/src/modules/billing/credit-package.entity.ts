import { defineEntity, p } from '@mikro-orm/core';

/** A package customers can buy; staff edit the table, the bigger the package the cheaper each SMS. */
export const CreditPackageSchema = defineEntity({
  name: 'CreditPackage',
  tableName: 'credit_packages',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(60),
    parts: p.integer(),
    /** Price in tetri (1 GEL = 100 tetri): integers, so no rounding ever creeps into money. */
    priceTetri: p.integer(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class CreditPackage extends CreditPackageSchema.class {}
CreditPackageSchema.setClass(CreditPackage);
