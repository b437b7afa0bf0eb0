import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';

const shades = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;

/** Aura with an indigo primary: the brand colour, distinct from the green of "delivered". */
export const MtrediPreset = definePreset(Aura, {
  semantic: {
    primary: Object.fromEntries(shades.map((s) => [s, `{indigo.${s}}`])),
  },
});
