import { EntityManager } from '@mikro-orm/core';
import { SqlEntityManager } from '@mikro-orm/sql';
import { Global, Module } from '@nestjs/common';
import { Tenancy } from './tenancy.js';

/**
 * Both supported databases are SQL, so services inject the SQL entity manager (query builder, conditional
 * updates); this binds it to the one MikroOrmModule created for the configured driver.
 */
@Global()
@Module({
  providers: [{ provide: SqlEntityManager, useExisting: EntityManager }, Tenancy],
  exports: [SqlEntityManager, Tenancy],
})
export class DbModule {}
