import { SearchScreen } from '@/components/search-screen';

export default function HomePage() {
  return <SearchScreen />;
}
